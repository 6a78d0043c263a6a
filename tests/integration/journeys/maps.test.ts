// Journey map rows and their first document: created with the default stages in the creator's
// language and the built-in lanes; renamed, locked, linked and deleted only by the roles allowed;
// a locked map refuses changes and nothing changes on any refusal.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { defaultLaneKinds } from '$lib/journeys/doc';
import { db } from '$lib/server/db';
import { journeyMaps, sessionJourneyMaps, ydocUpdates } from '$lib/server/db/schema';
import { loadMapState } from '$lib/server/journeys/documents';
import {
	createMap,
	deleteMap,
	linkMapToSession,
	listMaps,
	openMap,
	openSessionMap,
	renameMap,
	setMapLocked,
	unlinkMapFromSession
} from '$lib/server/journeys/maps';
import { journeyRoomName } from '$lib/server/journeys/rooms';
import { insertPortrait, journeyWorld } from './world';
import { documentIdOf } from '$lib/server/sync/storage';

async function mapRow(id: string) {
	const [row] = await db.select().from(journeyMaps).where(eq(journeyMaps.id, id));
	return row;
}

describe('creating a journey map', () => {
	it('seeds the default stages in the creator’s language and the eight built-in lanes', async () => {
		const world = await journeyWorld();
		const state = await loadMapState(db, world.map);
		expect(state.stages.map((stage) => stage.name)).toEqual([
			'First contact',
			'Consideration',
			'Purchase',
			'Ownership and service',
			'Repeat purchase and loyalty',
			'Leaving'
		]);
		expect(state.lanes.map((lane) => lane.kind)).toEqual([...defaultLaneKinds]);
		const ru = await createMap(
			db,
			world.accounts.maria.userId,
			world.workspaceId,
			{ title: 'Путь родителя', portraitId: world.portraitId },
			'ru'
		);
		const ruState = await loadMapState(db, { id: ru, workspaceId: world.workspaceId });
		expect(ruState.stages[0].name).toBe('Первый контакт');
		expect(ruState.stages[5].name).toBe('Уход');
		const bg = await createMap(
			db,
			world.accounts.admin.userId,
			world.workspaceId,
			{ title: 'Път', portraitId: world.portraitId },
			'bg'
		);
		expect(
			(await loadMapState(db, { id: bg, workspaceId: world.workspaceId })).stages[0].name
		).toBe('Първи контакт');
		const maps = await listMaps(db, world.accounts.reader.userId, world.workspaceId, {
			portraitId: world.portraitId
		});
		expect(maps.map((map) => map.title).sort()).toEqual(
			['Parent journey', 'Път', 'Путь родителя'].sort()
		);
	});

	it('refuses readers, strangers and portraits of other workspaces, writing nothing', async () => {
		const world = await journeyWorld();
		const before = await db.select().from(ydocUpdates);
		const input = { title: 'Nope', portraitId: world.portraitId };
		await expect(
			createMap(db, world.accounts.reader.userId, world.workspaceId, input, 'en')
		).rejects.toMatchObject({ status: 403 });
		await expect(
			createMap(db, world.accounts.stranger.userId, world.workspaceId, input, 'en')
		).rejects.toMatchObject({ status: 403 });
		const foreignPortrait = await insertPortrait(world.accounts.stranger.workspaceId, 'Not yours');
		await expect(
			createMap(
				db,
				world.accounts.anna.userId,
				world.workspaceId,
				{ title: 'x', portraitId: foreignPortrait },
				'en'
			)
		).rejects.toMatchObject({ status: 400, code: 'portrait_unknown', field: 'portraitId' });
		expect(await db.select().from(ydocUpdates)).toHaveLength(before.length);
		expect(await listMaps(db, world.accounts.admin.userId, world.workspaceId)).toHaveLength(1);
		await expect(
			listMaps(db, world.accounts.stranger.userId, world.workspaceId)
		).rejects.toMatchObject({ status: 403 });
	});
});

describe('what each role may do to a map', () => {
	it('gives editors write access, readers read, and only facilitators and admins lock and link', async () => {
		const world = await journeyWorld();
		const { admin, facilitator, anna, reader, stranger } = world.accounts;
		const access = async (userId: string) =>
			(await openMap(db, userId, world.workspaceId, world.mapId)).access;
		expect(await access(anna.userId)).toEqual({
			canEdit: true,
			canManage: false,
			canEditTouchpoints: true
		});
		expect(await access(reader.userId)).toEqual({
			canEdit: false,
			canManage: false,
			canEditTouchpoints: false
		});
		expect(await access(facilitator.userId)).toEqual({
			canEdit: true,
			canManage: true,
			canEditTouchpoints: true
		});
		await expect(
			openMap(db, stranger.userId, world.workspaceId, world.mapId)
		).rejects.toMatchObject({ status: 403 });
		await expect(
			openMap(db, stranger.userId, stranger.workspaceId, world.mapId)
		).rejects.toMatchObject({ status: 404 });
		await expect(
			setMapLocked(db, anna.userId, world.workspaceId, world.mapId, true)
		).rejects.toMatchObject({ status: 403 });
		await expect(
			linkMapToSession(db, anna.userId, world.workspaceId, world.mapId, world.sessionId)
		).rejects.toMatchObject({ status: 403 });
		await expect(
			renameMap(db, reader.userId, world.workspaceId, world.mapId, 'x')
		).rejects.toMatchObject({ status: 403 });
		await expect(
			deleteMap(db, reader.userId, world.workspaceId, world.mapId)
		).rejects.toMatchObject({ status: 403 });
		expect((await mapRow(world.mapId)).locked).toBe(false);
		await renameMap(db, anna.userId, world.workspaceId, world.mapId, 'Parents, step by step');
		await setMapLocked(db, admin.userId, world.workspaceId, world.mapId, true);
		expect(await mapRow(world.mapId)).toMatchObject({
			title: 'Parents, step by step',
			locked: true
		});
	});

	it('refuses every change to a locked map, for everyone, until it is unlocked', async () => {
		const world = await journeyWorld();
		const { facilitator, anna } = world.accounts;
		await setMapLocked(db, facilitator.userId, world.workspaceId, world.mapId, true);
		expect((await openMap(db, anna.userId, world.workspaceId, world.mapId)).access.canEdit).toBe(
			false
		);
		expect(
			(await openMap(db, facilitator.userId, world.workspaceId, world.mapId)).access.canEdit
		).toBe(false);
		for (const userId of [anna.userId, facilitator.userId]) {
			await expect(
				renameMap(db, userId, world.workspaceId, world.mapId, 'Changed')
			).rejects.toMatchObject({ status: 423, code: 'map_locked' });
			await expect(deleteMap(db, userId, world.workspaceId, world.mapId)).rejects.toMatchObject({
				status: 423,
				code: 'map_locked'
			});
		}
		expect(await mapRow(world.mapId)).toMatchObject({ title: 'Parent journey', locked: true });
		await setMapLocked(db, facilitator.userId, world.workspaceId, world.mapId, false);
		await renameMap(db, anna.userId, world.workspaceId, world.mapId, 'Changed');
		expect((await mapRow(world.mapId)).title).toBe('Changed');
	});

	it('deletes a map with its stored document', async () => {
		const world = await journeyWorld();
		const name = journeyRoomName(world.map);
		expect(
			await db
				.select()
				.from(ydocUpdates)
				.where(eq(ydocUpdates.docId, await documentIdOf(db, name)))
		).toHaveLength(1);
		await deleteMap(db, world.accounts.anna.userId, world.workspaceId, world.mapId);
		expect(await mapRow(world.mapId)).toBeUndefined();
		expect(
			await db
				.select()
				.from(ydocUpdates)
				.where(eq(ydocUpdates.docId, await documentIdOf(db, name)))
		).toHaveLength(0);
		await expect(
			deleteMap(db, world.accounts.anna.userId, world.workspaceId, world.mapId)
		).rejects.toMatchObject({ status: 404 });
	});
});

describe('maps linked to a session', () => {
	it('are open to that session’s guests only, and unlinking closes them', async () => {
		const world = await journeyWorld();
		const { gina, oscar, anna } = world.actors;
		await expect(openSessionMap(db, gina, world.sessionId, world.mapId)).rejects.toMatchObject({
			status: 404
		});
		await linkMapToSession(
			db,
			world.accounts.facilitator.userId,
			world.workspaceId,
			world.mapId,
			world.sessionId
		);
		await linkMapToSession(
			db,
			world.accounts.facilitator.userId,
			world.workspaceId,
			world.mapId,
			world.sessionId
		);
		const opened = await openSessionMap(db, gina, world.sessionId, world.mapId);
		expect(opened.access).toEqual({ canEdit: true, canManage: false, canEditTouchpoints: false });
		expect((await openSessionMap(db, anna, world.sessionId, world.mapId)).access.canEdit).toBe(
			true
		);
		// Oscar is a guest of another session: neither his session nor this one lets him in.
		await expect(
			openSessionMap(db, oscar, world.otherSessionId, world.mapId)
		).rejects.toMatchObject({ status: 404 });
		await expect(openSessionMap(db, oscar, world.sessionId, world.mapId)).rejects.toMatchObject({
			status: 403
		});
		await setMapLocked(db, world.accounts.admin.userId, world.workspaceId, world.mapId, true);
		expect((await openSessionMap(db, gina, world.sessionId, world.mapId)).access.canEdit).toBe(
			false
		);
		await unlinkMapFromSession(
			db,
			world.accounts.admin.userId,
			world.workspaceId,
			world.mapId,
			world.sessionId
		);
		await expect(openSessionMap(db, gina, world.sessionId, world.mapId)).rejects.toMatchObject({
			status: 404
		});
	});

	it('must be a session of the same workspace', async () => {
		const world = await journeyWorld();
		const other = await journeyWorld();
		await expect(
			linkMapToSession(
				db,
				world.accounts.admin.userId,
				world.workspaceId,
				world.mapId,
				other.sessionId
			)
		).rejects.toMatchObject({ status: 400, code: 'session_unknown' });
		expect(
			await db
				.select()
				.from(sessionJourneyMaps)
				.where(eq(sessionJourneyMaps.journeyMapId, world.mapId))
		).toEqual([]);
	});
});
