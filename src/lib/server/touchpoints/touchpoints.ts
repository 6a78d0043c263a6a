// Touchpoints of a workspace: rows the server governs (DESIGN.md keeps the map grid in Yjs, but a
// touchpoint's owner must be a member, the owner is notified, and the register queries them).
// Editors (admin, facilitator, member) create and change them; everyone in the workspace reads
// them; a session guest only creates them from a map linked to their session. Every change names
// the revision it was made on, so a stale editor is refused rather than overwriting.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
	NewTouchpoint,
	OwnerChoice,
	TouchpointChange,
	TouchpointDetail,
	TouchpointSummary
} from '$lib/touchpoints/model';
import type { Db, DbOrTx, Tx } from '../db';
import { departments, memberships, touchpoints, users } from '../db/schema';
import { conflict, forbidden, invalid, notFound } from '../errors';
import { loadMapState } from '../journeys/documents';
import { mapLocked, openSessionMap } from '../journeys/maps';
import { announceTouchpointChange } from '../journeys/rooms';
import { notify } from '../notifications/notifications';
import type { SessionActor } from '../sessions/access';
import { activeMembership, findMembership } from '../workspaces/access';
import { sanitizeRuleHtml } from './sanitize';
import { requireAllowed } from '../policies';

const owners = alias(users, 'owner');
const ruleEditors = alias(users, 'rule_editor');

const summaryColumns = {
	id: touchpoints.id,
	name: touchpoints.name,
	type: touchpoints.type,
	kind: touchpoints.kind,
	channel: touchpoints.channel,
	ownerId: touchpoints.ownerId,
	ownerName: owners.name,
	hasRule: sql<boolean>`(${touchpoints.ruleHtml} <> '')`.mapWith(
		(value: unknown) => value === true || value === 't' || value === 'true'
	),
	revision: touchpoints.revision
};

/** Touchpoints of a workspace as summaries (no membership check: callers check). */
export async function touchpointSummaries(
	db: DbOrTx,
	workspaceId: string,
	ids?: string[]
): Promise<TouchpointSummary[]> {
	if (ids && ids.length === 0) return [];
	return db
		.select(summaryColumns)
		.from(touchpoints)
		.leftJoin(owners, eq(owners.id, touchpoints.ownerId))
		.where(
			and(
				eq(touchpoints.workspaceId, workspaceId),
				ids ? inArray(touchpoints.id, [...new Set(ids)]) : undefined
			)
		)
		.orderBy(asc(touchpoints.name), asc(touchpoints.id));
}

/** Summaries of the touchpoints a map's stored document places. */
async function placedTouchpoints(
	db: Db,
	map: { id: string; workspaceId: string }
): Promise<TouchpointSummary[]> {
	const state = await loadMapState(db, map);
	const ids = state.cards.flatMap((card) =>
		card.kind === 'touchpoint' ? [card.touchpointId] : []
	);
	return touchpointSummaries(db, map.workspaceId, ids);
}

/**
 * The touchpoints a map places, for any member: what the map needs to draw its cards (the whole
 * list, for placing another, is fetched when someone starts to place one).
 */
export async function mapTouchpoints(
	db: Db,
	userId: string,
	map: { id: string; workspaceId: string }
): Promise<TouchpointSummary[]> {
	await requireAllowed(db, userId, map.workspaceId, 'read');
	return placedTouchpoints(db, map);
}

/**
 * Someone who leaves the workspace owns nothing in it any more: their touchpoints are left
 * without an owner (and stand out in the register) until someone else takes them on. Returns
 * them with their new revisions, to announce to open maps once the change is committed.
 */
export async function releaseOwnedTouchpoints(
	tx: Tx,
	workspaceId: string,
	userId: string
): Promise<{ id: string; revision: number }[]> {
	return tx
		.update(touchpoints)
		.set({ ownerId: null, revision: sql`${touchpoints.revision} + 1` })
		.where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.ownerId, userId)))
		.returning({ id: touchpoints.id, revision: touchpoints.revision });
}

/** Every touchpoint of the workspace, for any member. */
export async function listTouchpoints(
	db: Db,
	userId: string,
	workspaceId: string
): Promise<TouchpointSummary[]> {
	await requireAllowed(db, userId, workspaceId, 'read');
	return touchpointSummaries(db, workspaceId);
}

async function detail(db: DbOrTx, workspaceId: string, id: string): Promise<TouchpointDetail> {
	const [row] = await db
		.select({
			...summaryColumns,
			ruleHtml: touchpoints.ruleHtml,
			ruleUpdatedAt: touchpoints.ruleUpdatedAt,
			ruleUpdatedByName: ruleEditors.name
		})
		.from(touchpoints)
		.leftJoin(owners, eq(owners.id, touchpoints.ownerId))
		.leftJoin(ruleEditors, eq(ruleEditors.id, touchpoints.ruleUpdatedBy))
		.where(and(eq(touchpoints.id, id), eq(touchpoints.workspaceId, workspaceId)));
	if (!row) throw notFound();
	return { ...row, ruleUpdatedAt: row.ruleUpdatedAt?.toISOString() ?? null };
}

/** One touchpoint with its rule, for any member. */
export async function getTouchpoint(
	db: Db,
	userId: string,
	workspaceId: string,
	id: string
): Promise<TouchpointDetail> {
	await requireAllowed(db, userId, workspaceId, 'read');
	return detail(db, workspaceId, id);
}

/** Members who can own touchpoints (every member, readers included), by name. */
export async function listOwnerChoices(
	db: Db,
	userId: string,
	workspaceId: string
): Promise<OwnerChoice[]> {
	await requireAllowed(db, userId, workspaceId, 'read');
	return db
		.select({ userId: users.id, name: users.name, departmentName: departments.name })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.leftJoin(departments, eq(departments.id, memberships.departmentId))
		.where(and(eq(memberships.workspaceId, workspaceId), activeMembership))
		.orderBy(asc(users.name));
}

async function requireOwnerMember(db: DbOrTx, workspaceId: string, ownerId: string): Promise<void> {
	if (!(await findMembership(db, ownerId, workspaceId))) throw invalid('owner_unknown', 'ownerId');
}

async function notifyOwner(
	tx: Tx,
	touchpoint: { id: string; workspaceId: string; name: string },
	ownerId: string,
	actorId: string
): Promise<void> {
	if (ownerId === actorId) return;
	await notify(tx, {
		workspaceId: touchpoint.workspaceId,
		userId: ownerId,
		kind: 'touchpoint_assigned',
		subjectId: touchpoint.id,
		payload: { name: touchpoint.name },
		actorId
	});
}

/** Creates a touchpoint (editors), optionally with an owner, who is notified. */
export async function createTouchpoint(
	db: Db,
	userId: string,
	workspaceId: string,
	input: NewTouchpoint & { ownerId?: string | null }
): Promise<TouchpointSummary> {
	await requireAllowed(db, userId, workspaceId, 'editContent');
	return db.transaction(async (tx) => {
		const ownerId = input.ownerId ?? null;
		if (ownerId) await requireOwnerMember(tx, workspaceId, ownerId);
		const [row] = await tx
			.insert(touchpoints)
			.values({
				workspaceId,
				name: input.name,
				type: input.type,
				kind: input.kind,
				channel: input.channel,
				ownerId,
				createdBy: userId
			})
			.returning({ id: touchpoints.id });
		if (ownerId)
			await notifyOwner(tx, { id: row.id, workspaceId, name: input.name }, ownerId, userId);
		return detail(tx, workspaceId, row.id);
	});
}

/**
 * Changes a touchpoint's fields, owner or rule (editors), against the revision the editor saw:
 * a stale revision is refused with `revision_conflict` and nothing changes. A new owner must be
 * a member and is notified; the rule is sanitized and stamped with who changed it and when.
 */
export async function changeTouchpoint(
	db: Db,
	userId: string,
	workspaceId: string,
	id: string,
	change: TouchpointChange
): Promise<TouchpointDetail> {
	await requireAllowed(db, userId, workspaceId, 'editContent');
	const ruleHtml = change.ruleHtml === undefined ? undefined : sanitizeRuleHtml(change.ruleHtml);
	const changed = await db.transaction(async (tx) => {
		const [current] = await tx
			.select()
			.from(touchpoints)
			.where(and(eq(touchpoints.id, id), eq(touchpoints.workspaceId, workspaceId)))
			.for('update');
		if (!current) throw notFound();
		if (current.revision !== change.revision) throw conflict('revision_conflict');
		const ownerChanged = change.ownerId !== undefined && change.ownerId !== current.ownerId;
		if (ownerChanged && change.ownerId) await requireOwnerMember(tx, workspaceId, change.ownerId);
		const now = new Date();
		const set: Partial<typeof touchpoints.$inferInsert> = {};
		if (change.name !== undefined && change.name !== current.name) set.name = change.name;
		if (change.type !== undefined && change.type !== current.type) set.type = change.type;
		if (change.kind !== undefined && change.kind !== current.kind) set.kind = change.kind;
		if (change.channel !== undefined && change.channel !== current.channel)
			set.channel = change.channel;
		if (ownerChanged) set.ownerId = change.ownerId ?? null;
		if (ruleHtml !== undefined && ruleHtml !== current.ruleHtml) {
			set.ruleHtml = ruleHtml;
			set.ruleUpdatedAt = now;
			set.ruleUpdatedBy = userId;
		}
		if (Object.keys(set).length === 0) return detail(tx, workspaceId, id);
		await tx
			.update(touchpoints)
			.set({ ...set, updatedAt: now, revision: current.revision + 1 })
			.where(eq(touchpoints.id, id));
		if (ownerChanged && change.ownerId)
			await notifyOwner(
				tx,
				{ id, workspaceId, name: set.name ?? current.name },
				change.ownerId,
				userId
			);
		return detail(tx, workspaceId, id);
	});
	if (changed.revision !== change.revision)
		await announceTouchpointChange(workspaceId, id, changed.revision);
	return changed;
}

/** Deletes a touchpoint (editors); maps that place it show it as removed. */
export async function deleteTouchpoint(
	db: Db,
	userId: string,
	workspaceId: string,
	id: string
): Promise<void> {
	await requireAllowed(db, userId, workspaceId, 'editContent');
	const deleted = await db
		.delete(touchpoints)
		.where(and(eq(touchpoints.id, id), eq(touchpoints.workspaceId, workspaceId)))
		.returning({ id: touchpoints.id, revision: touchpoints.revision });
	if (deleted.length === 0) throw notFound();
	await announceTouchpointChange(workspaceId, id, deleted[0].revision + 1);
}

/**
 * Touchpoints a map opened from a session shows: those its document places (read from the
 * stored document), for anyone who belongs in the session and the map is linked to it.
 */
export async function sessionMapTouchpoints(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	mapId: string
): Promise<TouchpointSummary[]> {
	const { map } = await openSessionMap(db, actor, sessionId, mapId);
	return placedTouchpoints(db, map);
}

/**
 * Creates a touchpoint from a map opened in a session, to place it there: a guest may (the map
 * being theirs to edit), a member only with an editing role; never on a locked map. No owner:
 * owners are assigned by members.
 */
export async function createSessionTouchpoint(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	mapId: string,
	input: NewTouchpoint
): Promise<TouchpointSummary> {
	const { map, access } = await openSessionMap(db, actor, sessionId, mapId);
	if (map.locked) throw mapLocked();
	if (!access.canEdit) throw forbidden();
	const createdBy = actor.kind === 'user' ? actor.userId : null;
	const [row] = await db
		.insert(touchpoints)
		.values({
			workspaceId: map.workspaceId,
			name: input.name,
			type: input.type,
			kind: input.kind,
			channel: input.channel,
			createdBy
		})
		.returning({ id: touchpoints.id });
	return detail(db, map.workspaceId, row.id);
}
