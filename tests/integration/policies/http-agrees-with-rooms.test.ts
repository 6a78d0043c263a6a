// The HTTP services and the Yjs rooms ask the same policy, so for every role they give the same
// answer: no access, read only, or write. The rooms are asked through the sync server's own
// authorize hook (what an upgrade and a recheck call); HTTP through the services the routes call.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { linkMapToSession, openMap, openSessionMap, setMapLocked } from '$lib/server/journeys/maps';
import { journeyRoomName } from '$lib/server/journeys/rooms';
import { loadPortraitAccess } from '$lib/server/portraits/access';
import { portraitRoomName } from '$lib/server/portraits/documents';
import { linkPortraitToSession } from '$lib/server/portraits/links';
import { appRoomKinds, appSyncHooks } from '$lib/server/app';
import { loadSessionContext, type SessionActor } from '$lib/server/sessions/access';
import { setLocked } from '$lib/server/sessions/controls';
import { sessionRoomName } from '$lib/server/sessions/rooms';
import type { RoomAccess } from '$lib/server/sync';
import { authorizeRoom } from '$lib/server/sync/authorize';
import { removeMember } from '$lib/server/workspaces/members';
import { parseRoomName } from '$lib/sync/room';
import { createMember } from '../../utils/factories';
import { userActor } from '../../utils/session-factories';
import { journeyWorld } from '../journeys/world';

const kinds = appRoomKinds();
const { findMembership } = appSyncHooks.hooks;

type Access = RoomAccess | null;

async function roomAccess(actor: SessionActor, roomName: string): Promise<Access> {
	const address = parseRoomName(roomName);
	if (!address) throw new Error(`bad room ${roomName}`);
	if (actor.kind === 'guest')
		return authorizeRoom({
			db,
			kinds,
			findMembership,
			user: { id: actor.participantId, name: actor.name, email: '', language: 'en' },
			guest: { participantId: actor.participantId, sessionId: actor.sessionId },
			address,
			roomName
		});
	const user = { id: actor.userId, name: actor.name, email: '', language: 'en' as const };
	return authorizeRoom({ db, kinds, findMembership, user, guest: null, address, roomName });
}

/** What HTTP lets the actor do in the session: its context must load; writing needs the policy's contribute. */
async function sessionHttp(actor: SessionActor, sessionId: string): Promise<Access> {
	try {
		const ctx = await loadSessionContext(db, actor, sessionId);
		const writes = ctx.mayContribute && (!ctx.session.locked || ctx.isFacilitator);
		return writes ? 'write' : 'read';
	} catch {
		return null;
	}
}

async function mapHttp(
	actor: SessionActor,
	world: { workspaceId: string; sessionId: string; mapId: string }
): Promise<Access> {
	try {
		const { access } =
			actor.kind === 'guest'
				? await openSessionMap(db, actor, actor.sessionId, world.mapId)
				: await openMap(db, actor.userId, world.workspaceId, world.mapId);
		return access.canEdit ? 'write' : 'read';
	} catch {
		return null;
	}
}

async function portraitHttp(
	actor: SessionActor,
	workspaceId: string,
	portraitId: string
): Promise<Access> {
	try {
		const requester =
			actor.kind === 'guest'
				? { kind: 'guest' as const, participantId: actor.participantId, sessionId: actor.sessionId }
				: { kind: 'user' as const, userId: actor.userId };
		const access = await loadPortraitAccess(db, requester, workspaceId, portraitId);
		return access.mayEdit ? 'write' : 'read';
	} catch {
		return null;
	}
}

describe('HTTP and the rooms agree', () => {
	it('for every role on a session, a map and a portrait, locked and not', async () => {
		const world = await journeyWorld();
		const { accounts, workspaceId, sessionId, mapId, portraitId } = world;
		const leaver = await createMember(accounts.admin, 'member', 'Lev Leaver');
		await removeMember(db, accounts.admin.userId, workspaceId, leaver.userId);
		await linkMapToSession(db, accounts.admin.userId, workspaceId, mapId, sessionId);
		await linkPortraitToSession(
			db,
			{ kind: 'user', userId: accounts.admin.userId },
			workspaceId,
			portraitId,
			sessionId
		);
		const who: Record<string, SessionActor> = {
			admin: userActor(accounts.admin),
			facilitator: userActor(accounts.facilitator),
			participant: userActor(accounts.anna),
			member: userActor(accounts.maria),
			reader: userActor(accounts.reader),
			removed: userActor(leaver),
			stranger: userActor(accounts.stranger),
			guest: world.actors.gina,
			otherGuest: world.actors.oscar
		};
		const session = { id: sessionId, workspaceId };
		const rooms = {
			board: sessionRoomName(session, 'board'),
			map: journeyRoomName(world.map),
			portrait: portraitRoomName({ id: portraitId, workspaceId })
		};

		const answers: Record<string, Record<string, Access>> = {};
		for (const locked of [false, true]) {
			await setLocked(db, userActor(accounts.admin), sessionId, locked);
			await setMapLocked(db, accounts.admin.userId, workspaceId, mapId, locked);
			for (const [name, actor] of Object.entries(who)) {
				// The room first: opening a session over HTTP makes a facilitating role its facilitator.
				const room = {
					session: await roomAccess(actor, rooms.board),
					map: await roomAccess(actor, rooms.map),
					portrait: await roomAccess(actor, rooms.portrait)
				};
				const http = {
					session: await sessionHttp(actor, sessionId),
					map: await mapHttp(actor, world),
					portrait: await portraitHttp(actor, workspaceId, portraitId)
				};
				expect(http, `${name}, ${locked ? 'locked' : 'open'}`).toEqual(room);
				answers[`${name}${locked ? ' (locked)' : ''}`] = room.session === null ? http : room;
			}
		}
		// And the answers are the ones the roles should get, so agreeing on nothing cannot pass.
		expect(answers.participant).toEqual({ session: 'write', map: 'write', portrait: 'write' });
		expect(answers['participant (locked)']).toEqual({
			session: 'read',
			map: 'read',
			portrait: 'write'
		});
		expect(answers.reader).toEqual({ session: null, map: 'read', portrait: 'read' });
		expect(answers['admin (locked)']).toEqual({ session: 'write', map: 'read', portrait: 'write' });
		expect(answers.guest).toEqual({ session: 'write', map: 'write', portrait: 'write' });
		expect(answers.otherGuest).toEqual({ session: null, map: null, portrait: null });
		expect(answers.removed).toEqual({ session: null, map: null, portrait: null });
		expect(answers.stranger).toEqual({ session: null, map: null, portrait: null });
	});
});
