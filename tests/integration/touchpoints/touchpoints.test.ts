// Touchpoint rows: editors create and change them, readers and strangers cannot; the owner must
// be a member and is notified; the rule is sanitized and stamped; a stale revision, an over-long
// text, an unknown owner or a too-long rule change nothing.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { notifications, touchpoints } from '$lib/server/db/schema';
import { listNotifications, unreadCount } from '$lib/server/notifications/notifications';
import {
	changeTouchpoint,
	createTouchpoint,
	deleteTouchpoint,
	getTouchpoint,
	listOwnerChoices,
	listTouchpoints
} from '$lib/server/touchpoints/touchpoints';
import { removeMember } from '$lib/server/workspaces/members';
import { RULE_TEXT_MAX } from '$lib/touchpoints/model';
import { journeyWorld } from '../journeys/world';

async function row(id: string) {
	const [found] = await db.select().from(touchpoints).where(eq(touchpoints.id, id));
	return found;
}

const website = {
	name: 'Website booking page',
	type: 'business' as const,
	kind: 'website',
	channel: 'web'
};

describe('creating and reading touchpoints', () => {
	it('lets editors create, every member read, and nobody else', async () => {
		const world = await journeyWorld();
		const { anna, facilitator, reader, stranger } = world.accounts;
		const created = await createTouchpoint(db, anna.userId, world.workspaceId, website);
		expect(created).toMatchObject({
			name: 'Website booking page',
			ownerId: null,
			hasRule: false,
			revision: 0
		});
		await createTouchpoint(db, facilitator.userId, world.workspaceId, {
			...website,
			name: 'Call centre line',
			type: 'business',
			kind: 'phone',
			channel: 'phone'
		});
		await expect(
			createTouchpoint(db, reader.userId, world.workspaceId, website)
		).rejects.toMatchObject({ status: 403 });
		await expect(
			createTouchpoint(db, stranger.userId, world.workspaceId, website)
		).rejects.toMatchObject({ status: 403 });
		expect(
			(await listTouchpoints(db, reader.userId, world.workspaceId)).map((t) => t.name)
		).toEqual(['Call centre line', 'Website booking page']);
		await expect(listTouchpoints(db, stranger.userId, world.workspaceId)).rejects.toMatchObject({
			status: 403
		});
		await expect(
			getTouchpoint(db, stranger.userId, stranger.workspaceId, created.id)
		).rejects.toMatchObject({ status: 404 });
		expect(
			(await listOwnerChoices(db, reader.userId, world.workspaceId)).map((o) => o.name)
		).toContain('Rita Reader');
	});

	it('with an owner from the start notifies that owner', async () => {
		const world = await journeyWorld();
		const { anna, maria } = world.accounts;
		const created = await createTouchpoint(db, anna.userId, world.workspaceId, {
			...website,
			ownerId: maria.userId
		});
		expect(created.ownerName).toBe('Maria Member');
		expect(await unreadCount(db, maria.userId, world.workspaceId)).toBe(1);
		const [notice] = await listNotifications(db, maria.userId, world.workspaceId);
		expect(notice).toMatchObject({
			kind: 'touchpoint_assigned',
			subjectId: created.id,
			payload: { name: 'Website booking page' },
			actorName: 'Anna Member',
			readAt: null
		});
	});
});

describe('changing a touchpoint', () => {
	it('assigns a member as owner (notifying them once), writes a sanitized rule, and bumps the revision', async () => {
		const world = await journeyWorld();
		const { anna, maria, reader } = world.accounts;
		const created = await createTouchpoint(db, anna.userId, world.workspaceId, website);
		const owned = await changeTouchpoint(db, anna.userId, world.workspaceId, created.id, {
			revision: 0,
			ownerId: reader.userId
		});
		expect(owned).toMatchObject({ ownerId: reader.userId, ownerName: 'Rita Reader', revision: 1 });
		// The same owner again is no change: no second notice.
		await changeTouchpoint(db, anna.userId, world.workspaceId, created.id, {
			revision: 1,
			ownerId: reader.userId
		});
		expect(await unreadCount(db, reader.userId, world.workspaceId)).toBe(1);
		const ruled = await changeTouchpoint(db, maria.userId, world.workspaceId, created.id, {
			revision: 1,
			name: 'Booking page',
			ruleHtml:
				'<h1>Always</h1><p onclick="x()">Free slots for <strong>today</strong> on the first screen <script>alert(1)</script><a href="javascript:evil()">x</a></p>'
		});
		expect(ruled.revision).toBe(2);
		expect(ruled.hasRule).toBe(true);
		expect(ruled.ruleHtml).toBe(
			'<h2>Always</h2><p>Free slots for <strong>today</strong> on the first screen <a rel="noopener noreferrer nofollow">x</a></p>'
		);
		expect(ruled.ruleUpdatedByName).toBe('Maria Member');
		expect(ruled.ruleUpdatedAt).not.toBeNull();
		// Assigning yourself sends no notice; clearing the owner neither.
		await changeTouchpoint(db, maria.userId, world.workspaceId, created.id, {
			revision: 2,
			ownerId: maria.userId
		});
		await changeTouchpoint(db, maria.userId, world.workspaceId, created.id, {
			revision: 3,
			ownerId: null
		});
		expect(await unreadCount(db, maria.userId, world.workspaceId)).toBe(0);
		const emptied = await changeTouchpoint(db, maria.userId, world.workspaceId, created.id, {
			revision: 4,
			ruleHtml: '<p>  </p><p><br></p>'
		});
		expect(emptied).toMatchObject({ hasRule: false, ruleHtml: '', ownerId: null });
	});

	it('refuses a stale revision, an unknown owner, over-long texts and rules, readers: nothing changes', async () => {
		const world = await journeyWorld();
		const { anna, maria, reader, stranger } = world.accounts;
		const created = await createTouchpoint(db, anna.userId, world.workspaceId, website);
		await changeTouchpoint(db, anna.userId, world.workspaceId, created.id, {
			revision: 0,
			channel: 'online'
		});
		const before = await row(created.id);
		const attempts: [string, Parameters<typeof changeTouchpoint>[4], object][] = [
			[maria.userId, { revision: 0, name: 'Stale' }, { status: 409, code: 'revision_conflict' }],
			[
				maria.userId,
				{ revision: 1, ownerId: stranger.userId },
				{ status: 400, code: 'owner_unknown', field: 'ownerId' }
			],
			[
				maria.userId,
				{ revision: 1, ruleHtml: `<p>${'x'.repeat(RULE_TEXT_MAX + 1)}</p>` },
				{ status: 400, code: 'rule_too_long' }
			],
			[reader.userId, { revision: 1, name: 'Reader' }, { status: 403 }],
			[stranger.userId, { revision: 1, name: 'Stranger' }, { status: 403 }]
		];
		for (const [userId, change, refusal] of attempts)
			await expect(
				changeTouchpoint(db, userId, world.workspaceId, created.id, change)
			).rejects.toMatchObject(refusal);
		expect(await row(created.id)).toEqual(before);
		expect(
			await db.select().from(notifications).where(eq(notifications.workspaceId, world.workspaceId))
		).toEqual([]);
		await expect(
			createTouchpoint(db, anna.userId, world.workspaceId, { ...website, ownerId: stranger.userId })
		).rejects.toMatchObject({ code: 'owner_unknown' });
		expect(await listTouchpoints(db, anna.userId, world.workspaceId)).toHaveLength(1);
	});

	it('is deleted by editors only', async () => {
		const world = await journeyWorld();
		const created = await createTouchpoint(
			db,
			world.accounts.anna.userId,
			world.workspaceId,
			website
		);
		await expect(
			deleteTouchpoint(db, world.accounts.reader.userId, world.workspaceId, created.id)
		).rejects.toMatchObject({ status: 403 });
		await deleteTouchpoint(db, world.accounts.maria.userId, world.workspaceId, created.id);
		expect(await row(created.id)).toBeUndefined();
		await expect(
			deleteTouchpoint(db, world.accounts.maria.userId, world.workspaceId, created.id)
		).rejects.toMatchObject({ status: 404 });
	});

	it('loses its owner when the owner leaves the workspace, and stands out again', async () => {
		const world = await journeyWorld();
		const { admin, anna, maria } = world.accounts;
		const owned = await createTouchpoint(db, anna.userId, world.workspaceId, {
			...website,
			ownerId: maria.userId
		});
		const kept = await createTouchpoint(db, anna.userId, world.workspaceId, {
			...website,
			name: 'Reception desk',
			ownerId: anna.userId
		});
		await removeMember(db, admin.userId, world.workspaceId, maria.userId);
		expect(await row(owned.id)).toMatchObject({ ownerId: null, revision: owned.revision + 1 });
		expect(await row(kept.id)).toMatchObject({ ownerId: anna.userId, revision: kept.revision });
		const listed = await listTouchpoints(db, anna.userId, world.workspaceId);
		expect(listed.find((t) => t.id === owned.id)).toMatchObject({ ownerId: null, ownerName: null });
	});
});
