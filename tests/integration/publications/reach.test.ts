import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { acknowledgements, publications } from '$lib/server/db/schema';
import { goToStage } from '$lib/server/sessions/controls';
import { createDepartment } from '$lib/server/workspaces/departments';
import { updateMember } from '$lib/server/workspaces/members';
import { publishDefinition } from '$lib/server/publications/publish';
import { definitionReach } from '$lib/server/publications/reach';
import { acknowledgeDefinition } from '$lib/server/publications/reader';
import { agreeOn, consensusWorld } from '../../utils/consensus-factories';

const DAY = 24 * 60 * 60 * 1000;

describe('reach of the definition', () => {
	it('gives leadership the share per department, cumulative by day, and who has not yet acknowledged', async () => {
		const world = await consensusWorld();
		const { admin, cora, alice, bob, olga } = world.accounts;
		const { workspaceId } = world;
		const sales = await createDepartment(db, admin.userId, workspaceId, 'Sales');
		const security = await createDepartment(db, admin.userId, workspaceId, 'Security');
		await updateMember(db, admin.userId, workspaceId, {
			userId: alice.userId,
			role: 'member',
			departmentId: sales
		});
		await updateMember(db, admin.userId, workspaceId, {
			userId: bob.userId,
			role: 'member',
			departmentId: sales
		});
		await updateMember(db, admin.userId, workspaceId, {
			userId: olga.userId,
			role: 'member',
			departmentId: security
		});

		expect(await definitionReach(db, admin.userId, workspaceId)).toBeNull();
		await agreeOn(world, world.v1.id);
		await goToStage(db, world.actors.facilitator, world.sessionId, 'publish');
		await publishDefinition(db, world.actors.facilitator, world.sessionId, {
			explanation: 'Ask first.',
			rules: { always: [], react: [], never: [] }
		});
		const [publication] = await db
			.select()
			.from(publications)
			.where(eq(publications.workspaceId, workspaceId));
		// Published three days ago; Alice read it that day, Olga the day after, Cora today.
		const publishedAt = new Date(Date.UTC(2026, 2, 10, 9, 0));
		await db.update(publications).set({ publishedAt }).where(eq(publications.id, publication.id));
		for (const [account, offset] of [
			[alice, 2 * 60 * 60 * 1000],
			[olga, DAY + 60_000],
			[cora, 3 * DAY]
		] as const) {
			await acknowledgeDefinition(db, account.userId, workspaceId, 1);
			await db
				.update(acknowledgements)
				.set({ acknowledgedAt: new Date(publishedAt.getTime() + offset) })
				.where(eq(acknowledgements.userId, account.userId));
		}

		const now = new Date(publishedAt.getTime() + 3 * DAY + 60 * 60 * 1000);
		const reach = await definitionReach(db, cora.userId, workspaceId, now);
		expect(reach).toMatchObject({ version: 1, members: 5, acknowledged: 3, share: 3 / 5 });
		expect(reach?.departments).toEqual([
			{ departmentId: sales, departmentName: 'Sales', members: 2, acknowledged: 1, share: 0.5 },
			{ departmentId: security, departmentName: 'Security', members: 1, acknowledged: 1, share: 1 },
			{ departmentId: null, departmentName: null, members: 2, acknowledged: 1, share: 0.5 }
		]);
		expect(reach?.timeline).toEqual([
			{ day: '2026-03-10', acknowledged: 1, share: 0.2 },
			{ day: '2026-03-11', acknowledged: 2, share: 0.4 },
			{ day: '2026-03-12', acknowledged: 2, share: 0.4 },
			{ day: '2026-03-13', acknowledged: 3, share: 0.6 }
		]);
		expect(reach?.notYet.map((p) => [p.name, p.departmentName])).toEqual([
			['Bob Borisov', 'Sales'],
			['Fay Facilitator', null]
		]);
	});

	it('is refused to plain members and outsiders', async () => {
		const world = await consensusWorld();
		await expect(
			definitionReach(db, world.accounts.alice.userId, world.workspaceId)
		).rejects.toMatchObject({
			code: 'forbidden',
			status: 403
		});
		expect(await definitionReach(db, world.accounts.admin.userId, world.workspaceId)).toBeNull();
	});
});
