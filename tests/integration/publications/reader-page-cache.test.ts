// The kept reader pages against a real database: every change a page shows drops it before the
// request that made the change answers (the hooks call `settle` after every writing request), and
// nothing else does.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, listen } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { hashToken, invalidateSession } from '$lib/server/auth/session';
import { loadWorkspaceRequest } from '$lib/server/auth/workspace-request';
import { goToStage } from '$lib/server/sessions/controls';
import { publishDefinition } from '$lib/server/publications/publish';
import { acknowledgeDefinition, readerVersions } from '$lib/server/publications/reader';
import {
	listenForReaderPageChanges,
	ReaderPageCache,
	type PageRequest
} from '$lib/server/publications/reader-page-cache';
import { findMembership, listUserWorkspaces } from '$lib/server/workspaces/access';
import { removeMember, renameWorkspace, updateMember } from '$lib/server/workspaces/members';
import {
	agreeOn,
	consensusWorld,
	saveVersion,
	type ConsensusWorld
} from '../../utils/consensus-factories';

const cache = new ReaderPageCache();
const FAR = new Date(Date.now() + 30 * 24 * 3600_000);

beforeAll(async () => {
	await listenForReaderPageChanges(cache, listen);
});

async function publish(world: ConsensusWorld, number: number) {
	const version =
		number === 1 ? world.v1 : await saveVersion(world.sessionId, number, `Wording ${number}.`);
	await goToStage(db, world.actors.facilitator, world.sessionId, 'consensus');
	await agreeOn(world, version.id);
	await goToStage(db, world.actors.facilitator, world.sessionId, 'publish');
	await publishDefinition(db, world.actors.facilitator, world.sessionId, {
		explanation: 'Ask first, then offer.',
		rules: { always: ['Greet'], react: [], never: [] }
	});
}

const requestOf = (workspaceId: string, token: string): PageRequest => ({
	path: `/w/${workspaceId}/definition`,
	cookieHeader: `PARAGLIDE_LOCALE=en; fb_session=${token}`,
	acceptLanguage: 'en'
});

/** Keeps a page for `account` as the hooks do after a render that started at `epoch`. */
async function keep(
	world: ConsensusWorld,
	account: { userId: string; token: string },
	epoch = cache.epoch
) {
	const response = new Response(`<p>page of ${account.userId}</p>`, {
		headers: { 'content-type': 'text/html', etag: '"e1"' }
	});
	const sent = await cache.keep(
		requestOf(world.workspaceId, account.token),
		{ userId: account.userId, workspaceId: world.workspaceId, sessionExpiresAt: FAR, epoch },
		response
	);
	expect(await sent.text()).toBe(`<p>page of ${account.userId}</p>`);
}

const kept = (world: ConsensusWorld, account: { token: string }) =>
	cache.find(requestOf(world.workspaceId, account.token)) !== undefined;

/** A workspace with one version published; its writes applied here, as after their requests. */
async function publishedWorld() {
	const world = await consensusWorld();
	await publish(world, 1);
	await cache.settle(db);
	return world;
}

describe('kept reader pages', () => {
	it('are found by session, path and language until something they show changes', async () => {
		const world = await publishedWorld();
		const { olga } = world.accounts;
		await keep(world, olga);
		expect(kept(world, olga)).toBe(true);
		expect(cache.find({ ...requestOf(world.workspaceId, olga.token), acceptLanguage: 'ru' })).toBe(
			undefined
		);
		expect(
			cache.find({
				...requestOf(world.workspaceId, olga.token),
				path: `/w/${world.workspaceId}/definition/v/1`
			})
		).toBe(undefined);
	});

	it('drop on sign-out', async () => {
		const world = await publishedWorld();
		const { olga } = world.accounts;
		await keep(world, olga);
		await invalidateSession(db, olga.token);
		await cache.settle(db);
		expect(kept(world, olga)).toBe(false);
	});

	it('drop on removal from the workspace', async () => {
		const world = await publishedWorld();
		const { admin, olga } = world.accounts;
		await keep(world, olga);
		await removeMember(db, admin.userId, world.workspaceId, olga.userId);
		await cache.settle(db);
		expect(kept(world, olga)).toBe(false);
	});

	it('drop on a role change', async () => {
		const world = await publishedWorld();
		const { admin, olga } = world.accounts;
		await keep(world, olga);
		await updateMember(db, admin.userId, world.workspaceId, {
			userId: olga.userId,
			role: 'reader',
			departmentId: null
		});
		await cache.settle(db);
		expect(kept(world, olga)).toBe(false);
	});

	it('drop on any change to the account (a deactivation, a new name)', async () => {
		const world = await publishedWorld();
		const { olga } = world.accounts;
		await keep(world, olga);
		await db.update(users).set({ name: 'Olga Renamed' }).where(eq(users.id, olga.userId));
		await cache.settle(db);
		expect(kept(world, olga)).toBe(false);
	});

	it("drop on the reader's own acknowledgement, and only theirs", async () => {
		const world = await publishedWorld();
		const { olga, bob } = world.accounts;
		await keep(world, olga);
		await keep(world, bob);
		await acknowledgeDefinition(db, olga.userId, world.workspaceId, 1);
		await cache.settle(db);
		expect(kept(world, olga)).toBe(false);
		expect(kept(world, bob)).toBe(true);
	});

	it("drop for every member when a new version is published, and only that workspace's", async () => {
		const world = await publishedWorld();
		const other = await publishedWorld();
		const { olga, bob } = world.accounts;
		await keep(world, olga);
		await keep(world, bob);
		await keep(other, other.accounts.olga);
		await publish(world, 2);
		await cache.settle(db);
		expect(kept(world, olga)).toBe(false);
		expect(kept(world, bob)).toBe(false);
		expect(kept(other, other.accounts.olga)).toBe(true);
	});

	it('drop everything when a workspace is renamed (its name is in every member’s switcher)', async () => {
		const world = await publishedWorld();
		const other = await publishedWorld();
		await keep(other, other.accounts.olga);
		await renameWorkspace(db, world.accounts.admin.userId, world.workspaceId, 'Renamed');
		await cache.settle(db);
		expect(kept(other, other.accounts.olga)).toBe(false);
	});

	it('are not kept when rendered from rows read before a change that has since arrived', async () => {
		const world = await publishedWorld();
		const { olga } = world.accounts;
		const startedAt = cache.epoch;
		await acknowledgeDefinition(db, olga.userId, world.workspaceId, 1);
		await cache.settle(db);
		await keep(world, olga, startedAt);
		expect(kept(world, olga)).toBe(false);
	});

	it('are not served once the session is due for renewal', async () => {
		const world = await publishedWorld();
		const { olga } = world.accounts;
		await cache.keep(
			requestOf(world.workspaceId, olga.token),
			{
				userId: olga.userId,
				workspaceId: world.workspaceId,
				sessionExpiresAt: new Date(Date.now() + 60_000),
				epoch: cache.epoch
			},
			new Response('<p>x</p>', { headers: { 'content-type': 'text/html' } })
		);
		expect(kept(world, olga)).toBe(false);
	});
});

describe('the one query of a workspace request', () => {
	it('reads what the separate queries read', async () => {
		const world = await publishedWorld();
		const { olga } = world.accounts;
		await acknowledgeDefinition(db, olga.userId, world.workspaceId, 1);
		const loaded = await loadWorkspaceRequest(db, hashToken(olga.token), world.workspaceId, true);
		expect(loaded?.user.id).toBe(olga.userId);
		expect(loaded?.membership).toEqual(await findMembership(db, olga.userId, world.workspaceId));
		expect(loaded?.workspaces).toEqual(await listUserWorkspaces(db, olga.userId));
		expect(loaded?.versions).toEqual(await readerVersions(db, olga.userId, world.workspaceId));
		expect(loaded?.versions?.[0].acknowledgedAt).toBeInstanceOf(Date);
	});

	it('finds no membership for a removed member and no session after sign-out', async () => {
		const world = await publishedWorld();
		const { admin, olga } = world.accounts;
		await removeMember(db, admin.userId, world.workspaceId, olga.userId);
		const loaded = await loadWorkspaceRequest(db, hashToken(olga.token), world.workspaceId, false);
		expect(loaded?.membership ?? null).toBeNull();
		await invalidateSession(db, olga.token);
		expect(
			await loadWorkspaceRequest(db, hashToken(olga.token), world.workspaceId, false)
		).toBeNull();
	});
});
