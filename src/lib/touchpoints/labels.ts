// Words of a touchpoint in the reader's language: types and the listed kinds.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { isListedKind, type TouchpointKind, type TouchpointType } from './kinds';

type Options = { locale?: Locale };

const kindLabels: Record<TouchpointKind, (options: Options) => string> = {
	website: (o) => m.touchpoints_kind_website({}, o),
	office: (o) => m.touchpoints_kind_office({}, o),
	signage: (o) => m.touchpoints_kind_signage({}, o),
	documents: (o) => m.touchpoints_kind_documents({}, o),
	company_cars: (o) => m.touchpoints_kind_company_cars({}, o),
	packaging: (o) => m.touchpoints_kind_packaging({}, o),
	delivery: (o) => m.touchpoints_kind_delivery({}, o),
	ads: (o) => m.touchpoints_kind_ads({}, o),
	chat: (o) => m.touchpoints_kind_chat({}, o),
	phone: (o) => m.touchpoints_kind_phone({}, o),
	appearance: (o) => m.touchpoints_kind_appearance({}, o),
	smile: (o) => m.touchpoints_kind_smile({}, o),
	uniform: (o) => m.touchpoints_kind_uniform({}, o),
	speech_scripts: (o) => m.touchpoints_kind_speech_scripts({}, o),
	tone_of_voice: (o) => m.touchpoints_kind_tone_of_voice({}, o)
};

/** A type's label. */
export function typeLabel(type: TouchpointType, locale?: Locale): string {
	return type === 'business'
		? m.touchpoints_type_business({}, { locale })
		: m.touchpoints_type_employee({}, { locale });
}

/** A kind's label: translated for a listed kind, as written for the team's own. */
export function kindLabel(kind: string, locale?: Locale): string {
	return isListedKind(kind) ? kindLabels[kind]({ locale }) : kind;
}

/** Channels offered as suggestions (a channel is free text). */
export function channelSuggestions(locale?: Locale): string[] {
	const o = { locale };
	return [
		m.touchpoints_channel_web({}, o),
		m.touchpoints_channel_phone({}, o),
		m.touchpoints_channel_in_person({}, o),
		m.touchpoints_channel_sms({}, o),
		m.touchpoints_channel_email({}, o),
		m.touchpoints_channel_documents({}, o)
	];
}
