// The voice of the customer section of the Markdown session report: a table of figures.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { gapLabel, MIN_ANSWERS, type VoiceReport } from '$lib/voice/model';

/** Escapes a table cell: Markdown syntax and the column separator, on one line. */
const cell = (text: string) =>
	text
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/[\\`*_[\]<>|~#&]/g, '\\$&');

const mean = (value: number | null) => (value === null ? '—' : value.toFixed(2));

/** The section's blocks (heading, hint, table or "none"), to be pushed into the report. */
export function voiceMarkdown(voice: VoiceReport, locale: Locale): string[] {
	const o = { locale };
	const blocks = [`## ${m.voice_report_title({}, o)}`, m.voice_report_hint({}, o)];
	if (!voice.rows.length) return [...blocks, m.voice_report_none({}, o)];
	const header = [
		m.voice_col_touchpoint({}, o),
		m.voice_col_answers({}, o),
		m.voice_col_customers({}, o),
		m.voice_col_staff({}, o),
		m.voice_col_gap({}, o),
		m.voice_col_actions({}, o)
	];
	const rows = voice.rows.map((row) => [
		cell(row.name),
		row.tooFew
			? `${row.answers} (${cell(m.voice_measured_too_few({ count: row.answers, min: MIN_ANSWERS }, o))})`
			: String(row.answers),
		mean(row.customerMean),
		mean(row.staffMean),
		row.gap === null ? '—' : gapLabel(row.gap),
		`${row.actionsOpen} / ${row.actionsDone}`
	]);
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [
		...blocks,
		[
			line(header.map(cell)),
			line(header.map((_, i) => (i === 0 ? '---' : '---:'))),
			...rows.map(line)
		].join('\n')
	];
}
