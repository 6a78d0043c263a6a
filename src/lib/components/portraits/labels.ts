// Portrait words in the current language: kinds, relationship classes, evidence sources, section
// groups, sections and a portrait's facts.
import { m } from '$lib/paraglide/messages';
import type { EvidenceSource, SectionGroup, SectionKey } from '$lib/portraits/doc';
import type { PortraitKind, PortraitSummary, RelationshipClass } from '$lib/portraits/model';

/** A portrait kind. */
export const kindLabel = (kind: PortraitKind): string =>
	({ customer: m.portraits_kind_customer, internal: m.portraits_kind_internal })[kind]();

/** A relationship class; "no class yet" for null. */
export const classLabel = (value: RelationshipClass | null): string =>
	value === null
		? m.portraits_class_none()
		: {
				attract: m.portraits_class_attract,
				keep: m.portraits_class_keep,
				untapped: m.portraits_class_untapped,
				strategic: m.portraits_class_strategic,
				important: m.portraits_class_important,
				profitable: m.portraits_class_profitable,
				let_go: m.portraits_class_let_go
			}[value]();

/** Where a claim comes from. */
export const sourceLabel = (source: EvidenceSource): string =>
	({
		focus_group: m.portraits_source_focus_group,
		survey: m.portraits_source_survey,
		interview: m.portraits_source_interview,
		crm: m.portraits_source_crm,
		other: m.portraits_source_other
	})[source]();

/** A group of sections. */
export const groupLabel = (group: SectionGroup): string =>
	({
		who: m.portraits_group_who,
		gives: m.portraits_group_gives,
		decides: m.portraits_group_decides,
		why: m.portraits_group_why,
		not: m.portraits_group_not
	})[group]();

/** A section's name. */
export const sectionLabel = (key: SectionKey): string =>
	({
		role: m.portraits_section_role,
		traits: m.portraits_section_traits,
		age: m.portraits_section_age,
		income: m.portraits_section_income,
		gender: m.portraits_section_gender,
		place: m.portraits_section_place,
		lifestyle: m.portraits_section_lifestyle,
		functional: m.portraits_section_functional,
		emotional: m.portraits_section_emotional,
		compare: m.portraits_section_compare,
		decision: m.portraits_section_decision,
		attention: m.portraits_section_attention,
		motives: m.portraits_section_motives,
		not_customer: m.portraits_section_not_customer
	})[key]();

/** What to write in a section, or null for the short demographic fields. */
export const sectionHint = (key: SectionKey): string | null => {
	const hints: Partial<Record<SectionKey, () => string>> = {
		role: m.portraits_section_role_hint,
		traits: m.portraits_section_traits_hint,
		lifestyle: m.portraits_section_lifestyle_hint,
		functional: m.portraits_section_functional_hint,
		emotional: m.portraits_section_emotional_hint,
		compare: m.portraits_section_compare_hint,
		decision: m.portraits_section_decision_hint,
		attention: m.portraits_section_attention_hint,
		motives: m.portraits_section_motives_hint,
		not_customer: m.portraits_section_not_customer_hint
	};
	return hints[key]?.() ?? null;
};

/** A percentage as the reader's language writes it (up to two decimals). */
export const formatPercent = (value: number, locale: string): string =>
	new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);

/**
 * A portrait's facts as label and value, in the order they are shown. An empty segment is a dash,
 * or left out with `omitBlank` (the print sheet).
 */
export const portraitFacts = (
	portrait: PortraitSummary,
	locale: string,
	{ omitBlank = false } = {}
): { label: string; value: string }[] => [
	{ label: m.portraits_field_kind(), value: kindLabel(portrait.kind) },
	...(omitBlank && !portrait.segment
		? []
		: [{ label: m.portraits_field_segment(), value: portrait.segment || '—' }]),
	{ label: m.portraits_field_class(), value: classLabel(portrait.relationshipClass) },
	{
		label: m.portraits_field_value_share(),
		value:
			portrait.valueShare === null
				? m.portraits_value_unknown()
				: formatPercent(portrait.valueShare, locale)
	}
];
