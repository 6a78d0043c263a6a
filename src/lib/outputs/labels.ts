// Words of the report in a given language: the print page uses the viewer's current language, the
// Markdown and CSV downloads pass the request's language explicitly.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { ConsensusAnswer, RoundStatus } from '$lib/consensus/model';
import type { RuleKind } from '$lib/publications/model';
import type { Anonymity, Stage } from '$lib/sessions/stages';

/** Message options: an explicit language, or the current one when undefined. */
type Options = { locale?: Locale };

export const anonymityLabel = (mode: Anonymity, options: Options = {}): string =>
	({
		off: m.session_anonymity_off,
		partial: m.session_anonymity_partial,
		full: m.session_anonymity_full
	})[mode]({}, options);

/** The facilitator's name for a stage, else the template's name. */
export const stageLabel = (stage: Stage, options: Options = {}): string =>
	stage.title ??
	{
		definitions: m.session_stage_definitions,
		themes: m.session_stage_themes,
		criteria: m.session_stage_criteria,
		draft: m.session_stage_draft,
		consensus: m.session_stage_consensus,
		publish: m.session_stage_publish
	}[stage.key]({}, options);

export const answerLabel = (answer: ConsensusAnswer, options: Options = {}): string =>
	({
		accept: m.consensus_answer_accept,
		concern: m.consensus_answer_concern,
		object: m.consensus_answer_object
	})[answer]({}, options);

export const roundStatusLabel = (status: RoundStatus, options: Options = {}): string =>
	({
		open: m.consensus_status_open,
		agreed: m.consensus_status_agreed,
		objected: m.consensus_status_objected,
		cancelled: m.consensus_status_cancelled
	})[status]({}, options);

export const ruleListLabel = (kind: RuleKind, options: Options = {}): string =>
	({
		always: m.publication_rules_always,
		react: m.publication_rules_react,
		never: m.publication_rules_never
	})[kind]({}, options);

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date (and, with `time`, the time) in the language's usual form. */
export function formatDate(value: string, locale: string, time = false): string {
	const key = `${locale}:${time}`;
	let format = dateFormats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(
			locale,
			time ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'long' }
		);
		dateFormats.set(key, format);
	}
	// A plain date (yyyy-mm-dd) is a calendar day, not an instant: read it at noon so no time zone moves it.
	return format.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00` : value));
}
