// The demo's journey and touchpoints, seeded from the fixture with the demo workspace and its portrait: the register derived from the
// seeded map comes out as the fixture expects (7 touchpoints, 4 with owner and rule, 57%), and
// seeding again changes nothing.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { journeyMaps, touchpoints, users } from '$lib/server/db/schema';
import { seedDemoJourney } from '$lib/server/demo/journeys';
import { seedDemo } from '$lib/server/demo/seed';
import fixture from '$lib/server/demo/demo-workshop.json';
import { buildRegister } from '$lib/server/touchpoints/register';

describe('demo journey seed', () => {
	it('gives the register and coverage the fixture expects, idempotently', async () => {
		const first = await seedDemo(db);
		const { workspaceId } = first;
		const portraitId = first.portraits[fixture.journey.portrait];
		expect(first.journeyMapId).not.toBeNull();
		const second = await seedDemo(db);
		expect(second.journeyMapId).toBe(first.journeyMapId);
		expect((await seedDemoJourney(db, workspaceId, { id: portraitId })).mapId).toBe(
			first.journeyMapId
		);
		expect(
			await db.select().from(journeyMaps).where(eq(journeyMaps.workspaceId, workspaceId))
		).toHaveLength(1);
		expect(
			await db.select().from(touchpoints).where(eq(touchpoints.workspaceId, workspaceId))
		).toHaveLength(7);

		const [elena] = await db.select().from(users).where(eq(users.email, 'elena@northwind.example'));
		const register = await buildRegister(db, elena.id, workspaceId);
		const expected = fixture.journey.expected_register_coverage;
		expect(register.coverage).toEqual({
			total: expected.touchpoints,
			covered: expected.with_owner_and_rule,
			percent: expected.coverage_percent
		});
		const row = (name: string) => register.rows.find((r) => r.name === name);
		expect(row('Website booking page')).toMatchObject({
			stages: ['First contact', 'Booking and visit'],
			ownerName: 'Georgi Ivanov',
			hasRule: true,
			covered: true,
			// "meets" was set after "below" (stages are seeded in order), so it is the latest.
			experience: { level: 'meets' },
			portraits: [{ id: portraitId, name: fixture.journey.portrait }]
		});
		expect(row('Entrance and guard')).toMatchObject({
			ownerName: 'Tom Baker',
			hasRule: false,
			covered: false
		});
		expect(row('Invoice and payment')).toMatchObject({
			ownerId: null,
			stages: ['Booking and visit', 'Leaving'],
			experience: { level: 'indifferent' }
		});
		expect(register.stages.find((stage) => stage.name === 'Booking and visit')).toMatchObject({
			total: 5,
			covered: 3,
			percent: 60
		});
	});
});
