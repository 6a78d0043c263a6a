// CSV downloads of the report: RFC 4180 (CRLF line ends, fields with a comma, quote or line break
// quoted, quotes doubled), UTF-8 with a byte-order mark so Excel reads Cyrillic correctly, and
// every text cell that a spreadsheet would run as a formula is neutralized with a leading
// apostrophe. Headers are in the viewer's language.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { SessionReport } from '$lib/outputs/report';

/** A cell: text from people (neutralized), or a number the server computed (written as is). */
export type CsvCell = string | number | null;

/** The UTF-8 byte-order mark Excel needs to read a CSV as UTF-8. */
export const BOM = '\uFEFF';

// OWASP's list: = + - @ start a formula; a leading tab or carriage return can hide one.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that a spreadsheet will show as text and never evaluate. */
export function neutralizeFormula(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One field, quoted when it holds a comma, a quote or a line break. */
export function csvField(cell: CsvCell): string {
	if (cell === null) return '';
	if (typeof cell === 'number') return String(cell);
	const value = neutralizeFormula(cell);
	return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows as a CSV document with a BOM and CRLF line ends (including after the last row). */
export function encodeCsv(rows: CsvCell[][]): string {
	return BOM + rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/** Revealed definitions: text, role tag, author (as anonymity allows the viewer) and theme. */
export function definitionsCsv(report: SessionReport, locale: Locale): string {
	const o = { locale };
	const themes = new Map(report.themes.map((theme) => [theme.id, theme.name]));
	return encodeCsv([
		[m.outputs_text({}, o), m.outputs_role({}, o), m.outputs_author({}, o), m.outputs_theme({}, o)],
		...report.definitions.items.map((definition) => [
			definition.text,
			definition.roleTag,
			definition.author ?? '',
			definition.themeId ? (themes.get(definition.themeId) ?? '') : ''
		])
	]);
}

/**
 * Criteria: ranked with totals and winners for a revealed vote; before any reveal, the criteria of
 * the vote (or the proposals) with the total, place and winner columns left empty.
 */
export function criteriaCsv(report: SessionReport, locale: Locale): string {
	const o = { locale };
	const header = [
		m.outputs_rank({}, o),
		m.outputs_criterion({}, o),
		m.outputs_total({}, o),
		m.outputs_winner({}, o)
	];
	const { revealed, pending, proposals } = report.criteria;
	const winner = (item: { isWinner: boolean }) => (item.isWinner ? m.outputs_yes({}, o) : '');
	let rows: CsvCell[][];
	if (revealed && revealed.dotsGiven > 0)
		rows = revealed.items.map((item) => [item.rank, item.text, item.total, winner(item)]);
	else if (revealed)
		rows = [...revealed.items]
			.sort((a, b) => a.position - b.position)
			.map((item) => [null, item.text, null, winner(item)]);
	else rows = (pending?.items ?? proposals).map((text) => [null, text, null, null]);
	return encodeCsv([header, ...rows]);
}
