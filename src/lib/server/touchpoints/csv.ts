// The register as CSV (through the outputs' RFC 4180 encoder: BOM, CRLF, formulas neutralized),
// with headers and values in the viewer's language and each rule as plain text.
import { eq } from 'drizzle-orm';
import { levelLabel } from '$lib/journeys/labels';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { kindLabel, typeLabel } from '$lib/touchpoints/labels';
import type { Register } from '$lib/touchpoints/register';
import type { Db } from '../db';
import { touchpoints } from '../db/schema';
import { encodeCsv } from '../outputs/csv';
import { ruleText } from './sanitize';

/** Rule texts of a workspace's touchpoints, by id. */
export async function ruleTexts(db: Db, workspaceId: string): Promise<Map<string, string>> {
	const rows = await db
		.select({ id: touchpoints.id, ruleHtml: touchpoints.ruleHtml })
		.from(touchpoints)
		.where(eq(touchpoints.workspaceId, workspaceId));
	return new Map(rows.map((row) => [row.id, ruleText(row.ruleHtml)]));
}

/** One row per touchpoint, in the register's order. */
export function registerCsv(
	register: Register,
	rules: Map<string, string>,
	locale: Locale
): string {
	const o = { locale };
	const yes = m.touchpoints_csv_yes({}, o);
	const no = m.touchpoints_csv_no({}, o);
	return encodeCsv([
		[
			m.touchpoints_col_name({}, o),
			m.touchpoints_col_type({}, o),
			m.touchpoints_col_kind({}, o),
			m.touchpoints_col_channel({}, o),
			m.touchpoints_col_stages({}, o),
			m.touchpoints_col_owner({}, o),
			m.touchpoints_col_rule({}, o),
			m.touchpoints_col_experience({}, o),
			m.touchpoints_col_portraits({}, o),
			m.touchpoints_csv_maps({}, o),
			m.touchpoints_csv_covered({}, o),
			m.touchpoints_csv_rule_text({}, o)
		],
		...register.rows.map((row) => [
			row.name,
			typeLabel(row.type, locale),
			row.kind ? kindLabel(row.kind, locale) : '',
			row.channel,
			row.stages.join('; '),
			row.ownerName ?? '',
			row.hasRule ? yes : no,
			row.experience ? levelLabel(row.experience.level, locale) : '',
			row.portraits.map((portrait) => portrait.name).join('; '),
			row.maps.map((map) => map.title).join('; '),
			row.covered ? yes : no,
			rules.get(row.id) ?? ''
		])
	]);
}
