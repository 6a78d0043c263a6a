import { describe, expect, it } from 'vitest';
import { escapeMarkdown, reportMarkdown } from '$lib/server/outputs/markdown';
import { sampleReport } from './fixture';

describe('the Markdown report', () => {
	it('has every section, headings in the language asked for', () => {
		const en = reportMarkdown(sampleReport(), 'en');
		for (const heading of [
			'## Participants',
			'## Own definitions and themes',
			'#### Partnership (1)',
			'#### Not grouped (1)',
			'## Criteria and dot voting',
			'## Winning criteria',
			'## Versions of the shared definition',
			'### Version 1: First',
			'## Consensus',
			'### Round on version 1: First',
			'## Publication',
			'#### What it means in daily work',
			'#### What we always do',
			'#### What we never do'
		])
			expect(en).toContain(`${heading}\n`);
		expect(en).not.toContain('How we react in typical situations');
		expect(en).toContain('| 1 | Short \\| sweet | 5 | ✓ |');
		expect(en).toContain('~~Group into themes~~ (skipped)');
		expect(en).toContain('- **Accept with a concern** — Gina: Say \\[who\\](http://x.test)');
		expect(en).toContain('> We serve.');

		const ru = reportMarkdown(sampleReport(), 'ru');
		expect(ru).toContain('## Участники\n');
		expect(ru).toContain('## Критерии и точечное голосование\n');
		expect(ru).toContain('## Консенсус\n');
		const bg = reportMarkdown(sampleReport(), 'bg');
		expect(bg).toContain('## Участници\n');
		expect(bg).toContain('## Критерии и гласуване с точки\n');
	});

	it('escapes what people wrote, so nothing becomes a heading, list, link or HTML', () => {
		const md = reportMarkdown(sampleReport(), 'en');
		expect(md).toContain('# \\# Customer focus \\<script\\>\n');
		expect(md).not.toContain('<script>');
		expect(
			escapeMarkdown('# title\n- item\n1. one\n> quote\n<b>x</b> *y* _z_ `c` [l](u) a|b ~s~ &amp;')
		).toBe(
			'\\# title\n\\- item\n1\\. one\n\\> quote\n\\<b\\>x\\</b\\> \\*y\\* \\_z\\_ \\`c\\` \\[l\\](u) a\\|b \\~s\\~ \\&amp;'
		);
		// A definition over two lines stays inside its list item.
		expect(md).toContain('- \\=1+2 "quoted", and\n  next line\n  _Role: @role · Author: Gina_');
	});

	it('says what is not there yet, without totals before the reveal', () => {
		const md = reportMarkdown(
			sampleReport({
				definitions: { revealed: false, items: [] },
				themes: [],
				criteria: { revealed: null, pending: { status: 'open', items: ['A'] }, proposals: ['A'] },
				winners: [],
				versions: [],
				consensus: [],
				publications: []
			}),
			'en'
		);
		expect(md).toContain('The definitions have not been revealed yet.');
		expect(md).toContain(
			'A vote is open: totals appear once the facilitator reveals them.\n\n- A\n'
		);
		expect(md).not.toContain('| Place |');
		expect(md).toContain('No winning criteria were marked.');
		expect(md).toContain('No version was saved.');
		expect(md).toContain('Consensus was not asked for.');
		expect(md).toContain('Nothing was published from this session.');
	});

	it("carries the voice of the customer: each touchpoint's answers, both views, the gap and actions", () => {
		const en = reportMarkdown(sampleReport(), 'en');
		expect(en).toContain('## Voice of the customer\n');
		expect(en).toContain('| Front \\| desk \\*reception\\* | 42 | 2.40 | 3.25 | +0.85 | 1 / 1 |');
		expect(en).toContain('| Call centre | 3 (too few answers (3 of 10)) | 2.00 | — | — | 0 / 0 |');
		expect(reportMarkdown(sampleReport(), 'ru')).toContain('## Голос клиента\n');
		const none = reportMarkdown(sampleReport({ voice: { scope: 'workspace', rows: [] } }), 'bg');
		expect(none).toContain('## Гласът на клиента\n');
		expect(none).toContain('Още няма отговори на клиенти или оценки на служители');
	});
});
