import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { LEVELS, type Level } from '$lib/voice/model';
import { encodeCsv } from '../outputs/csv';
import type { ExperienceRow } from './experience';

const levelHeader: Record<Level, (o: { locale: Locale }) => string> = {
	below: (o) => m.voice_level_below({}, o),
	indifferent: (o) => m.voice_level_indifferent({}, o),
	meets: (o) => m.voice_level_meets({}, o),
	exceeds: (o) => m.voice_level_exceeds({}, o)
};

/** One row per touchpoint, headers in the viewer's language (BOM, CRLF, formulas neutralized). */
export function experienceCsv(rows: ExperienceRow[], locale: Locale): string {
	const o = { locale };
	return encodeCsv([
		[
			m.touchpoints_col_name({}, o),
			m.voice_csv_answers({}, o),
			...LEVELS.map((level) => levelHeader[level](o)),
			m.voice_csv_customer_mean({}, o),
			m.voice_csv_staff_mean({}, o),
			m.voice_col_gap({}, o),
			m.voice_csv_actions_open({}, o),
			m.voice_csv_actions_done({}, o)
		],
		...rows.map((row) => [
			row.name,
			row.answers,
			...LEVELS.map((level) => row.counts[level]),
			row.customerMean,
			row.staffMean,
			row.gap,
			row.actionsOpen,
			row.actionsDone
		])
	]);
}
