// The demo seed's portrait part: the fixture's key customer becomes a portrait of the demo
// workspace with its prose and evidence in the document, once, however often the seed runs.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { portraits } from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/demo/seed';
import { demoPortraits, seedDemoPortraits } from '$lib/server/demo/portraits';
import { readPortraitDocument } from '$lib/server/portraits/documents';
import { readEvidence, sectionText } from '$lib/portraits/doc';

describe('demo portraits', () => {
	it('seeds the fixture portrait with its fields, prose and evidence, idempotently', async () => {
		const first = await seedDemo(db);
		const again = await seedDemoPortraits(db, first.workspaceId);
		expect(again).toEqual(first.portraits);
		const id = first.portraits['Busy parent with small children'];
		expect(id).toEqual(expect.any(String));
		const rows = await db
			.select()
			.from(portraits)
			.where(eq(portraits.workspaceId, first.workspaceId));
		expect(rows).toHaveLength(demoPortraits().length);
		expect(rows[0]).toMatchObject({
			id,
			kind: 'customer',
			relationshipClass: 'strategic',
			valueShare: 38,
			createdBy: expect.any(String)
		});
		const doc = await readPortraitDocument(db, rows[0]);
		expect(sectionText(doc, 'role')).toMatch(/^35–45, works full time/);
		expect(sectionText(doc, 'functional')).toMatch(/^Certainty and saved time/);
		expect(sectionText(doc, 'compare')).toMatch(/^Chooses by reviews/);
		expect(sectionText(doc, 'motives')).toBe(
			'The public clinic does not answer; a child is ill now.'
		);
		expect(sectionText(doc, 'not_customer')).toMatch(/lowest price/);
		expect(readEvidence(doc).map(({ source, date, claim }) => ({ source, date, claim }))).toEqual([
			{
				source: 'focus_group',
				date: '2026-10-12',
				claim: '9 parents, coffee and cakes, two hours'
			},
			{ source: 'crm', date: '2026-11-01', claim: '38% of revenue from family contracts' }
		]);
	});
});
