import { describe, expect, it } from 'vitest';
import {
	BOM,
	criteriaCsv,
	csvField,
	definitionsCsv,
	encodeCsv,
	neutralizeFormula
} from '$lib/server/outputs/csv';
import { reportMarkdown } from '$lib/server/outputs/markdown';
import { sampleReport } from './fixture';

describe('CSV encoding', () => {
	it('quotes fields with commas, quotes and line breaks (RFC 4180), with CRLF line ends and a BOM', () => {
		const csv = encodeCsv([
			['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere'],
			[1, null, 'Кириллица']
		]);
		expect(csv.startsWith(BOM)).toBe(true);
		expect(csv.slice(1)).toBe(
			'plain,"a,b","say ""hi""","two\nlines","cr\rhere"\r\n1,,Кириллица\r\n'
		);
		expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
	});

	it('neutralizes cells a spreadsheet would run as a formula', () => {
		for (const cell of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x'])
			expect(neutralizeFormula(cell)).toBe(`'${cell}`);
		for (const cell of ['plain', ' =not first', "'already", '1-2'])
			expect(neutralizeFormula(cell)).toBe(cell);
		// Neutralised first, then quoted: the apostrophe stays inside the quotes.
		expect(csvField('=HYPERLINK("x"),1')).toBe(`"'=HYPERLINK(""x""),1"`);
		// Numbers the server computed are written as they are.
		expect(csvField(-3)).toBe('-3');
	});
});

describe('the CSV tables', () => {
	it('lists definitions with role, author and theme, in the language asked for', () => {
		const rows = definitionsCsv(sampleReport(), 'en').slice(1).split('\r\n');
		expect(rows[0]).toBe('Definition,Role,Author,Theme');
		expect(rows[1]).toBe('"Partner, not a wallet",Sales,Fay,Partnership');
		expect(rows[2]).toBe(`"'=1+2 ""quoted"", and\nnext line",'@role,Gina,`);
		expect(definitionsCsv(sampleReport(), 'ru').slice(1).split('\r\n')[0]).toBe(
			'Определение,Роль,Автор,Тема'
		);
		expect(definitionsCsv(sampleReport(), 'bg').slice(1).split('\r\n')[0]).toBe(
			'Определение,Роля,Автор,Тема'
		);
	});

	it('leaves the author empty when anonymity hides it', () => {
		const report = sampleReport();
		report.definitions.items = report.definitions.items.map((d) => ({ ...d, author: null }));
		expect(definitionsCsv(report, 'en')).not.toMatch(/Fay|Gina/);
	});

	it('ranks criteria with totals after the reveal, and has no totals before it', () => {
		const revealed = criteriaCsv(sampleReport(), 'en').slice(1).split('\r\n');
		expect(revealed.slice(0, 3)).toEqual([
			'Place,Criterion,Dots,Winner',
			'1,Short | sweet,5,yes',
			"2,'-Says what we do,2,"
		]);
		const before = criteriaCsv(
			sampleReport({
				criteria: {
					revealed: null,
					pending: { status: 'closed', items: ['A', 'B'] },
					proposals: ['A', 'B', 'C']
				},
				winners: []
			}),
			'en'
		);
		expect(before.slice(1).split('\r\n')).toEqual([
			'Place,Criterion,Dots,Winner',
			',A,,',
			',B,,',
			''
		]);
	});

	it('shows no zeros for a revealed vote without recorded dots (nobody voted, or it was imported)', () => {
		const report = sampleReport();
		const revealed = report.criteria.revealed;
		if (!revealed) throw new Error('the sample has a revealed vote');
		report.criteria.revealed = {
			...revealed,
			dotsGiven: 0,
			items: revealed.items.map((item) => ({ ...item, total: 0, rank: 1 }))
		};
		expect(criteriaCsv(report, 'en').slice(1).split('\r\n')).toEqual([
			'Place,Criterion,Dots,Winner',
			",'-Says what we do,,",
			',Short | sweet,,yes',
			''
		]);
		const md = reportMarkdown(report, 'en');
		expect(md).toContain('No dots are recorded for this vote, so there are no totals to show.');
		expect(md).toContain('- \\-Says what we do\n- Short \\| sweet ✓\n');
		expect(md).not.toContain('| Place |');
	});
});

describe('download names', () => {
	it('keep the title in UTF-8, with a plain ASCII fallback', async () => {
		const { download } = await import('$lib/server/outputs/http');
		const disposition = (name: string) =>
			download('', name, 'text/plain').headers.get('content-disposition');
		expect(disposition('Customer-focus.md')).toBe(
			`attachment; filename="Customer-focus.md"; filename*=UTF-8''Customer-focus.md`
		);
		expect(disposition('Клиенты-2026-03-14.focusboard.json')).toBe(
			`attachment; filename="session-2026-03-14.focusboard.json"; filename*=UTF-8''${encodeURIComponent('Клиенты-2026-03-14.focusboard.json')}`
		);
		expect(disposition('Сессия.md')).toMatch(/^attachment; filename="session\.md"/);
		expect(disposition('Q1-Сессия-definitions.csv')).toMatch(
			/^attachment; filename="Q1-definitions\.csv"/
		);
	});
});
