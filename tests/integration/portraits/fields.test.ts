// The structured fields of a portrait: a stale form is refused and changes nothing; lists filter
// by kind, class and segment; the Pareto view orders by value share with running totals; a
// comparison takes two or three portraits of the workspace.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { portraits } from '$lib/server/db/schema';
import {
	comparePortraits,
	listPortraits,
	portraitPareto,
	updatePortraitFields
} from '$lib/server/portraits/portraits';
import type { PortraitFields } from '$lib/portraits/validation';
import {
	asGuest,
	asUser,
	blankPortrait,
	blankPortraitOf,
	portraitWorld,
	type PortraitWorld
} from './world';

const fields = (overrides: Partial<PortraitFields> = {}): PortraitFields => ({
	name: 'Busy parent with small children',
	kind: 'customer',
	segment: 'Families',
	relationshipClass: 'strategic',
	valueShare: 38,
	revision: 0,
	...overrides
});

async function row(id: string) {
	const [found] = await db.select().from(portraits).where(eq(portraits.id, id));
	return found;
}

describe('saving the fields', () => {
	it('saves and bumps the revision; a form loaded at an older revision is refused and changes nothing', async () => {
		const world = await portraitWorld();
		const id = await blankPortrait(world);
		const alice = asUser(world.people.alice);
		const cora = asUser(world.people.cora);
		// Alice and Cora both opened the form at revision 0.
		expect(await updatePortraitFields(db, alice, world.workspaceId, id, fields())).toBe(1);
		await expect(
			updatePortraitFields(
				db,
				cora,
				world.workspaceId,
				id,
				fields({ name: 'Cora overwrites', valueShare: 5, revision: 0 })
			)
		).rejects.toMatchObject({ code: 'revision_conflict', status: 409 });
		expect(await row(id)).toMatchObject({
			name: 'Busy parent with small children',
			segment: 'Families',
			relationshipClass: 'strategic',
			valueShare: 38,
			revision: 1
		});
		// With the fresh revision her change goes through.
		expect(
			await updatePortraitFields(
				db,
				cora,
				world.workspaceId,
				id,
				fields({ valueShare: 12.5, revision: 1 })
			)
		).toBe(2);
		expect(await row(id)).toMatchObject({ valueShare: 12.5, revision: 2 });
	});

	it('lets exactly one of two concurrent saves at the same revision through', async () => {
		const world = await portraitWorld();
		const id = await blankPortrait(world);
		const results = await Promise.allSettled([
			updatePortraitFields(
				db,
				asUser(world.people.alice),
				world.workspaceId,
				id,
				fields({ name: 'A' })
			),
			updatePortraitFields(
				db,
				asUser(world.people.cora),
				world.workspaceId,
				id,
				fields({ name: 'B' })
			)
		]);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
		expect((await row(id)).revision).toBe(1);
	});

	it('refuses readers, strangers and guests of unlinked sessions', async () => {
		const world = await portraitWorld();
		const id = await blankPortrait(world);
		await expect(
			updatePortraitFields(db, asUser(world.people.rita), world.workspaceId, id, fields())
		).rejects.toMatchObject({ status: 403 });
		await expect(
			updatePortraitFields(db, asUser(world.people.sam), world.workspaceId, id, fields())
		).rejects.toMatchObject({ status: 403 });
		// Gina's session is not linked to this portrait (yet).
		await expect(
			updatePortraitFields(db, asGuest(world.guests.gina), world.workspaceId, id, fields())
		).rejects.toMatchObject({ status: 403 });
		expect((await row(id)).revision).toBe(0);
	});
});

/** Five portraits with the given kinds, classes, segments and shares. */
async function catalog(world: PortraitWorld) {
	const specs = [
		{
			name: 'Busy parent',
			kind: 'customer',
			segment: 'Families',
			relationshipClass: 'strategic',
			valueShare: 38
		},
		{
			name: 'Corporate client',
			kind: 'customer',
			segment: 'Companies',
			relationshipClass: 'profitable',
			valueShare: 27.5
		},
		{
			name: 'Pensioner',
			kind: 'customer',
			segment: 'Families',
			relationshipClass: 'keep',
			valueShare: 12
		},
		{
			name: 'Bargain hunter',
			kind: 'customer',
			segment: 'Walk-in',
			relationshipClass: 'let_go',
			valueShare: 2.5
		},
		{
			name: 'Nurse on the night shift',
			kind: 'internal',
			segment: 'Staff',
			relationshipClass: 'important',
			valueShare: null
		},
		{
			name: 'Tourist',
			kind: 'customer',
			segment: 'Walk-in',
			relationshipClass: null,
			valueShare: 20
		}
	] as const;
	const ids: Record<string, string> = {};
	for (const spec of specs) {
		const id = await blankPortrait(world, spec.name);
		await updatePortraitFields(db, asUser(world.people.alice), world.workspaceId, id, {
			...spec,
			revision: 0
		});
		ids[spec.name] = id;
	}
	return ids;
}

describe('the list', () => {
	it('filters by kind, class and segment, and names the segments in use', async () => {
		const world = await portraitWorld();
		await catalog(world);
		// Another workspace's portrait never shows.
		await blankPortraitOf(world.people.sam, 'Elsewhere');
		const reader = asUser(world.people.rita);
		const list = async (filters: Partial<Parameters<typeof listPortraits>[3]>) =>
			(
				await listPortraits(db, reader, world.workspaceId, {
					kind: null,
					relationshipClass: null,
					segment: null,
					...filters
				})
			).portraits.map((portrait) => portrait.name);

		const all = await listPortraits(db, reader, world.workspaceId, {
			kind: null,
			relationshipClass: null,
			segment: null
		});
		expect(all.total).toBe(6);
		expect(all.segments).toEqual(['Companies', 'Families', 'Staff', 'Walk-in']);
		expect(all.portraits.map((portrait) => portrait.name)).toEqual([
			'Bargain hunter',
			'Busy parent',
			'Corporate client',
			'Nurse on the night shift',
			'Pensioner',
			'Tourist'
		]);
		expect(await list({ kind: 'internal' })).toEqual(['Nurse on the night shift']);
		expect(await list({ segment: 'Families' })).toEqual(['Busy parent', 'Pensioner']);
		expect(await list({ relationshipClass: 'let_go' })).toEqual(['Bargain hunter']);
		expect(await list({ kind: 'customer', segment: 'Walk-in' })).toEqual([
			'Bargain hunter',
			'Tourist'
		]);
		expect(await list({ segment: 'Families', relationshipClass: 'profitable' })).toEqual([]);
		await expect(
			listPortraits(db, asUser(world.people.sam), world.workspaceId, {
				kind: null,
				relationshipClass: null,
				segment: null
			})
		).rejects.toMatchObject({ status: 403 });
	});
});

describe('the Pareto view', () => {
	it('orders by value share with cumulative figures and marks the portraits that make ~80%', async () => {
		const world = await portraitWorld();
		await catalog(world);
		const view = await portraitPareto(db, asUser(world.people.rita), world.workspaceId);
		expect(
			view.rows.map((row) => [row.name, row.valueShare, row.cumulative, row.vitalFew])
		).toEqual([
			['Busy parent', 38, 38, true],
			['Corporate client', 27.5, 65.5, true],
			['Tourist', 20, 85.5, true],
			['Pensioner', 12, 97.5, false],
			['Bargain hunter', 2.5, 100, false]
		]);
		expect(view.unknown.map((portrait) => portrait.name)).toEqual(['Nurse on the night shift']);
		expect(view).toMatchObject({
			total: 100,
			reachesThreshold: true,
			vitalFewCount: 3,
			vitalFewPercentOfPortraits: 60,
			vitalFewShare: 85.5
		});
		const internal = await portraitPareto(db, asUser(world.people.rita), world.workspaceId, {
			kind: 'internal'
		});
		expect(internal.rows).toEqual([]);
		expect(internal.unknown).toHaveLength(1);
	});
});

describe('comparison', () => {
	it('takes two or three portraits of the workspace, in the order asked', async () => {
		const world = await portraitWorld();
		const ids = await catalog(world);
		const reader = asUser(world.people.rita);
		const pair = await comparePortraits(db, reader, world.workspaceId, [
			ids.Tourist,
			ids['Busy parent']
		]);
		expect(pair.map((entry) => entry.portrait.name)).toEqual(['Tourist', 'Busy parent']);
		expect(pair[0].rendered.sections.role).toBe('');
		const elsewhere = await blankPortraitOf(world.people.sam, 'Elsewhere');
		await expect(
			comparePortraits(db, reader, world.workspaceId, [ids.Tourist, elsewhere])
		).rejects.toMatchObject({
			code: 'compare_count'
		});
		await expect(comparePortraits(db, reader, world.workspaceId, null)).rejects.toMatchObject({
			code: 'compare_count'
		});
	});
});
