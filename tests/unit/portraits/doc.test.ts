import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	CLAIM_MAX,
	addEvidence,
	evidenceArray,
	fillPortrait,
	isEvidenceDate,
	readEvidence,
	removeEvidence,
	sectionFragment,
	sectionKeys,
	sectionText,
	setEvidenceField
} from '$lib/portraits/doc';
import { renderPortrait } from '$lib/server/portraits/documents';

function sync(from: Y.Doc, to: Y.Doc) {
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe('portrait document', () => {
	it('has fourteen prose sections in five groups', () => {
		expect(sectionKeys).toEqual([
			'role',
			'traits',
			'age',
			'income',
			'gender',
			'place',
			'lifestyle',
			'functional',
			'emotional',
			'compare',
			'decision',
			'attention',
			'motives',
			'not_customer'
		]);
	});

	it('fills empty sections once and appends evidence', () => {
		const doc = new Y.Doc();
		const content = {
			sections: { role: ['Owners', 'and top managers'], motives: ['Prestige'] },
			evidence: [{ claim: 'Shortlist first', source: 'survey' as const, date: '2026-10-12' }]
		};
		fillPortrait(doc, content);
		fillPortrait(doc, { sections: { role: ['Replaced?'] }, evidence: [] });
		expect(sectionText(doc, 'role')).toBe('Owners\nand top managers');
		expect(sectionText(doc, 'motives')).toBe('Prestige');
		expect(sectionText(doc, 'traits')).toBe('');
		expect(readEvidence(doc)).toEqual([
			{ id: expect.any(String), claim: 'Shortlist first', source: 'survey', date: '2026-10-12' }
		]);
	});

	it('edits evidence: source and date checked, removed by id, merged across clients', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const id = addEvidence(a, { claim: 'Buyers expect one contact', source: 'interview' });
		expect(id).toEqual(expect.any(String));
		sync(a, b);
		expect(setEvidenceField(b, id ?? '', 'date', '2026-02-30')).toBe(false);
		expect(setEvidenceField(b, id ?? '', 'source', 'rumour')).toBe(false);
		expect(setEvidenceField(b, id ?? '', 'date', '2026-11-01')).toBe(true);
		expect(setEvidenceField(a, id ?? '', 'source', 'crm')).toBe(true);
		const second = addEvidence(a, { claim: 'Second' });
		sync(a, b);
		sync(b, a);
		expect(readEvidence(a)).toEqual(readEvidence(b));
		expect(readEvidence(a)[0]).toMatchObject({ source: 'crm', date: '2026-11-01' });
		expect(removeEvidence(b, second ?? '')).toBe(true);
		sync(b, a);
		expect(readEvidence(a).map((entry) => entry.claim)).toEqual(['Buyers expect one contact']);
	});

	it('reads entries out of shape safely', () => {
		const doc = new Y.Doc();
		const list = evidenceArray(doc);
		const noClaim = new Y.Map<unknown>();
		noClaim.set('id', 'x');
		noClaim.set('claim', 'plain string, not Y.Text');
		const bad = new Y.Map<unknown>();
		const claim = new Y.Text();
		claim.insert(0, 'y'.repeat(CLAIM_MAX + 50));
		bad.set('id', 'y');
		bad.set('claim', claim);
		bad.set('source', 'rumour');
		bad.set('date', 'yesterday');
		list.push([noClaim, bad]);
		expect(readEvidence(doc)).toEqual([
			{ id: 'y', claim: 'y'.repeat(CLAIM_MAX), source: 'other', date: '' }
		]);
	});

	it('checks calendar dates', () => {
		expect(isEvidenceDate('2026-10-12')).toBe(true);
		expect(isEvidenceDate('2024-02-29')).toBe(true);
		expect(isEvidenceDate('2026-02-29')).toBe(false);
		expect(isEvidenceDate('12.10.2026')).toBe(false);
	});

	it('renders sections to sanitized HTML: markup in the text is escaped, unknown nodes dropped', () => {
		const doc = new Y.Doc();
		fillPortrait(doc, {
			sections: { role: ['<script>alert(1)</script> & co'], motives: ['Prestige'] },
			evidence: [{ claim: '<b>bold claim</b>', source: 'crm', date: '' }]
		});
		const fragment = sectionFragment(doc, 'motives');
		const evil = new Y.XmlElement('iframe');
		evil.setAttribute('src', 'https://evil.test');
		evil.insert(0, [new Y.XmlText('inside')]);
		fragment.insert(fragment.length, [evil]);
		const rendered = renderPortrait(doc);
		expect(rendered.sections.role).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>');
		expect(rendered.sections.motives).toBe('<p>Prestige</p>inside');
		expect(rendered.sections.traits).toBe('');
		expect(rendered.evidence[0].claim).toBe('<b>bold claim</b>');
	});
});
