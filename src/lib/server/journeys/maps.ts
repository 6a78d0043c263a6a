// Journey map rows: list, create (seeded with the default stages and lanes), rename, lock, delete,
// and links to sessions whose guests may work on them. Every function checks the actor's role.
import { and, asc, desc, eq } from 'drizzle-orm';
import { createDefaultMap } from './map-writes';
import { defaultStageNames } from '$lib/journeys/labels';
import type { MapAccess, MapSummary, NewMap } from '$lib/journeys/model';
import type { Locale } from '$lib/paraglide/runtime';
import type { Db, DbOrTx } from '../db';
import { journeyMaps, portraits, sessionJourneyMaps, strategySessions } from '../db/schema';
import { DomainError, invalid, notFound } from '../errors';
import { loadSessionContext, type SessionActor } from '../sessions/access';
import { deleteMapDocument, seedMapDocument } from './documents';
import { isMapLinkedToSession, reauthorizeJourneyRoom } from './rooms';
import { can, mapSubject, requireAllowed, type Actor } from '../policies';

/** Edits to a locked map are refused with this. */
export const mapLocked = () => new DomainError('map_locked', 423);

const summaryColumns = {
	id: journeyMaps.id,
	workspaceId: journeyMaps.workspaceId,
	title: journeyMaps.title,
	portraitId: journeyMaps.portraitId,
	portraitName: portraits.name,
	locked: journeyMaps.locked,
	createdAt: journeyMaps.createdAt,
	updatedAt: journeyMaps.updatedAt
};

/** What `actor` may do on `map`, as the policy says (the map's room asks the same). */
export async function mapAccess(
	db: DbOrTx,
	actor: Actor,
	map: { id: string; workspaceId: string; locked: boolean }
): Promise<MapAccess> {
	const subject = await mapSubject(db, actor, map);
	return {
		canEdit: can(actor, 'edit', subject),
		canManage: can(actor, 'manage', subject),
		canEditTouchpoints: can(actor, 'editTouchpoints', subject)
	};
}

/** Maps of a workspace, newest change first; optionally those of one portrait. */
export async function listMaps(
	db: Db,
	userId: string,
	workspaceId: string,
	filter: { portraitId?: string } = {}
): Promise<MapSummary[]> {
	await requireAllowed(db, userId, workspaceId, 'read');
	return db
		.select(summaryColumns)
		.from(journeyMaps)
		.innerJoin(portraits, eq(portraits.id, journeyMaps.portraitId))
		.where(
			and(
				eq(journeyMaps.workspaceId, workspaceId),
				filter.portraitId ? eq(journeyMaps.portraitId, filter.portraitId) : undefined
			)
		)
		.orderBy(desc(journeyMaps.updatedAt), asc(journeyMaps.title));
}

/** Portraits a new map can belong to. */
export async function listPortraitChoices(db: Db, userId: string, workspaceId: string) {
	await requireAllowed(db, userId, workspaceId, 'read');
	return db
		.select({ id: portraits.id, name: portraits.name })
		.from(portraits)
		.where(eq(portraits.workspaceId, workspaceId))
		.orderBy(asc(portraits.name));
}

/**
 * Creates a map of a portrait with the default lifecycle stages (in `locale`) and the built-in
 * lanes; its document is seeded in the same transaction, so the room never opens empty.
 */
export async function createMap(
	db: Db,
	userId: string,
	workspaceId: string,
	input: NewMap,
	locale: Locale
): Promise<string> {
	await requireAllowed(db, userId, workspaceId, 'editContent');
	return db.transaction(async (tx) => {
		const [portrait] = await tx
			.select({ id: portraits.id })
			.from(portraits)
			.where(and(eq(portraits.id, input.portraitId), eq(portraits.workspaceId, workspaceId)));
		if (!portrait) throw invalid('portrait_unknown', 'portraitId');
		const [map] = await tx
			.insert(journeyMaps)
			.values({ workspaceId, portraitId: portrait.id, title: input.title, createdBy: userId })
			.returning({ id: journeyMaps.id, workspaceId: journeyMaps.workspaceId });
		await seedMapDocument(tx, map, (doc) => createDefaultMap(doc, defaultStageNames(locale)));
		return map.id;
	});
}

async function findMap(db: DbOrTx, workspaceId: string, mapId: string): Promise<MapSummary> {
	const [map] = await db
		.select(summaryColumns)
		.from(journeyMaps)
		.innerJoin(portraits, eq(portraits.id, journeyMaps.portraitId))
		.where(and(eq(journeyMaps.id, mapId), eq(journeyMaps.workspaceId, workspaceId)));
	if (!map) throw notFound();
	return map;
}

/** A map for a member of its workspace, with what they may do. */
export async function openMap(db: Db, userId: string, workspaceId: string, mapId: string) {
	const membership = await requireAllowed(db, userId, workspaceId, 'read');
	const map = await findMap(db, workspaceId, mapId);
	const actor: Actor = { kind: 'member', userId, role: membership.role };
	return { map, actor, role: membership.role, access: await mapAccess(db, actor, map) };
}

/** Sessions the map is linked to. */
export async function linkedSessions(db: Db, userId: string, workspaceId: string, mapId: string) {
	await requireAllowed(db, userId, workspaceId, 'read');
	return db
		.select({ id: strategySessions.id, title: strategySessions.title })
		.from(sessionJourneyMaps)
		.innerJoin(strategySessions, eq(strategySessions.id, sessionJourneyMaps.sessionId))
		.innerJoin(journeyMaps, eq(journeyMaps.id, sessionJourneyMaps.journeyMapId))
		.where(
			and(eq(sessionJourneyMaps.journeyMapId, mapId), eq(journeyMaps.workspaceId, workspaceId))
		)
		.orderBy(desc(strategySessions.createdAt));
}

/** Sessions of the workspace a facilitator may link maps to. */
export async function linkableSessions(db: Db, userId: string, workspaceId: string) {
	await requireAllowed(db, userId, workspaceId, 'facilitate');
	return db
		.select({ id: strategySessions.id, title: strategySessions.title })
		.from(strategySessions)
		.where(eq(strategySessions.workspaceId, workspaceId))
		.orderBy(desc(strategySessions.createdAt));
}

/** Loads a map for an editor, under a row lock, refusing a locked map. */
async function lockForEdit(db: DbOrTx, workspaceId: string, mapId: string) {
	const [map] = await db
		.select({
			id: journeyMaps.id,
			workspaceId: journeyMaps.workspaceId,
			locked: journeyMaps.locked
		})
		.from(journeyMaps)
		.where(and(eq(journeyMaps.id, mapId), eq(journeyMaps.workspaceId, workspaceId)))
		.for('update');
	if (!map) throw notFound();
	if (map.locked) throw mapLocked();
	return map;
}

/** Renames a map (editors; not while locked). */
export async function renameMap(
	db: Db,
	userId: string,
	workspaceId: string,
	mapId: string,
	title: string
) {
	await requireAllowed(db, userId, workspaceId, 'editContent');
	await db.transaction(async (tx) => {
		await lockForEdit(tx, workspaceId, mapId);
		await tx
			.update(journeyMaps)
			.set({ title, updatedAt: new Date() })
			.where(eq(journeyMaps.id, mapId));
	});
}

/**
 * Locks a map (read-only for everyone) or unlocks it; facilitators and admins only. Open
 * connections to its room are checked again, so writers in the room become readers at once.
 */
export async function setMapLocked(
	db: Db,
	userId: string,
	workspaceId: string,
	mapId: string,
	locked: boolean
): Promise<void> {
	await requireAllowed(db, userId, workspaceId, 'facilitate');
	const [map] = await db
		.update(journeyMaps)
		.set({ locked, updatedAt: new Date() })
		.where(and(eq(journeyMaps.id, mapId), eq(journeyMaps.workspaceId, workspaceId)))
		.returning({ id: journeyMaps.id, workspaceId: journeyMaps.workspaceId });
	if (!map) throw notFound();
	await reauthorizeJourneyRoom(map);
}

/** Deletes a map and its document (editors; not while locked); people in its room are sent away. */
export async function deleteMap(db: Db, userId: string, workspaceId: string, mapId: string) {
	await requireAllowed(db, userId, workspaceId, 'editContent');
	const map = await db.transaction(async (tx) => {
		const found = await lockForEdit(tx, workspaceId, mapId);
		await tx.delete(journeyMaps).where(eq(journeyMaps.id, mapId));
		await deleteMapDocument(tx, found);
		return found;
	});
	await reauthorizeJourneyRoom(map);
}

/** Links a map to a session of the same workspace, so the session's guests may work on it. */
export async function linkMapToSession(
	db: Db,
	userId: string,
	workspaceId: string,
	mapId: string,
	sessionId: string
): Promise<void> {
	await requireAllowed(db, userId, workspaceId, 'facilitate');
	await findMap(db, workspaceId, mapId);
	const [session] = await db
		.select({ id: strategySessions.id })
		.from(strategySessions)
		.where(and(eq(strategySessions.id, sessionId), eq(strategySessions.workspaceId, workspaceId)));
	if (!session) throw invalid('session_unknown', 'sessionId');
	await db
		.insert(sessionJourneyMaps)
		.values({ sessionId, journeyMapId: mapId })
		.onConflictDoNothing();
}

/** Unlinks a map from a session; that session's guests in its room are sent away. */
export async function unlinkMapFromSession(
	db: Db,
	userId: string,
	workspaceId: string,
	mapId: string,
	sessionId: string
): Promise<void> {
	await requireAllowed(db, userId, workspaceId, 'facilitate');
	const map = await findMap(db, workspaceId, mapId);
	await db
		.delete(sessionJourneyMaps)
		.where(
			and(eq(sessionJourneyMaps.sessionId, sessionId), eq(sessionJourneyMaps.journeyMapId, mapId))
		);
	await reauthorizeJourneyRoom(map);
}

/**
 * A map opened from a session (`/s/<id>/journeys/<map>`): the actor must belong in the session
 * and the map must be linked to it. A guest reads and edits (unless locked); a member's role in
 * the workspace decides as everywhere else.
 */
export async function openSessionMap(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	mapId: string
) {
	const ctx = await loadSessionContext(db, actor, sessionId);
	const workspaceId = ctx.session.workspaceId;
	if (!(await isMapLinkedToSession(db, workspaceId, mapId, sessionId))) throw notFound();
	const map = await findMap(db, workspaceId, mapId);
	return { map, ctx, access: await mapAccess(db, ctx.actor, map) };
}
