// Portraits of key customers: create (blank or from the sample), change the structured fields
// under a revision check, delete, list with filters, compare, and the Pareto view. The prose lives
// in the portrait's Yjs document (see `./documents`); access rules in `./access`.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { type PortraitFilters, type PortraitSummary } from '$lib/portraits/model';
import { paretoView, type ParetoView } from '$lib/portraits/pareto';
import type { NewPortrait, PortraitFields } from '$lib/portraits/validation';
import type { Db, DbOrTx } from '../db';
import { journeyMaps, portraitPhotos, portraits, sessionJourneyMaps } from '../db/schema';
import { conflict, DomainError, notFound } from '../errors';
import {
	loadPortraitAccess,
	requirePortraitEditor,
	requirePortraitManager,
	requireWorkspaceMember,
	type PortraitActor,
	type PortraitRow
} from './access';
import {
	deletePortraitDocument,
	loadRenderedPortrait,
	reauthorizePortraitRoom,
	seedPortraitDocument,
	type RenderedPortrait
} from './documents';
import { deleteMapDocument } from '../journeys/documents';
import { reauthorizeJourneyRoom } from '../journeys/rooms';
import { samplePortrait } from './sample';

/** Columns of a summary: the row and its photo's version, never the photo's bytes. */
const summaryColumns = {
	id: portraits.id,
	workspaceId: portraits.workspaceId,
	kind: portraits.kind,
	name: portraits.name,
	segment: portraits.segment,
	relationshipClass: portraits.relationshipClass,
	valueShare: portraits.valueShare,
	revision: portraits.revision,
	updatedAt: portraits.updatedAt,
	photoUpdatedAt: portraitPhotos.updatedAt
};

type SummaryRow = Omit<PortraitRow, 'createdBy' | 'createdAt'> & { photoUpdatedAt: Date | null };

function toSummary(row: SummaryRow): PortraitSummary {
	return {
		id: row.id,
		workspaceId: row.workspaceId,
		kind: row.kind,
		name: row.name,
		segment: row.segment,
		relationshipClass: row.relationshipClass,
		valueShare: row.valueShare === null ? null : Number(row.valueShare),
		revision: row.revision,
		photoVersion: row.photoUpdatedAt ? row.photoUpdatedAt.getTime() : null,
		updatedAt: row.updatedAt.toISOString()
	};
}

/** Summaries of the portraits matching `where`, by name. */
async function selectSummaries(db: DbOrTx, where: SQL | undefined): Promise<PortraitSummary[]> {
	const rows = await db
		.select(summaryColumns)
		.from(portraits)
		.leftJoin(portraitPhotos, eq(portraitPhotos.portraitId, portraits.id))
		.where(where)
		.orderBy(asc(portraits.name), asc(portraits.id));
	return rows.map(toSummary);
}

/** The summary of one portrait. */
export async function portraitSummary(db: DbOrTx, portraitId: string): Promise<PortraitSummary> {
	const [summary] = await selectSummaries(db, eq(portraits.id, portraitId));
	if (!summary) throw notFound();
	return summary;
}

/**
 * Creates a portrait: blank, or from the sample in `input.language` (its fields, and its sections
 * and evidence written into the new document in the same transaction). Editors only.
 */
export async function createPortrait(
	db: Db,
	actor: PortraitActor,
	workspaceId: string,
	input: NewPortrait
): Promise<string> {
	const membership = await requireWorkspaceMember(db, actor, workspaceId, { editing: true });
	const id = randomUUID();
	const sample = input.start === 'sample' ? samplePortrait(input.language) : null;
	await db.transaction(async (tx) => {
		await tx.insert(portraits).values({
			id,
			workspaceId,
			kind: sample?.kind ?? input.kind,
			name: input.name || sample?.name || '',
			segment: sample?.segment ?? '',
			relationshipClass: sample?.relationshipClass ?? null,
			createdBy: membership.userId
		});
		if (sample) await seedPortraitDocument(tx, { id, workspaceId }, sample.content);
	});
	return id;
}

/**
 * Saves the structured fields when the form was loaded at the current revision; otherwise nothing
 * is written and `revision_conflict` tells the editor someone else saved first. Returns the new revision.
 */
export async function updatePortraitFields(
	db: Db,
	actor: PortraitActor,
	workspaceId: string,
	portraitId: string,
	fields: PortraitFields
): Promise<number> {
	await requirePortraitEditor(db, actor, workspaceId, portraitId);
	const [updated] = await db
		.update(portraits)
		.set({
			name: fields.name,
			kind: fields.kind,
			segment: fields.segment,
			relationshipClass: fields.relationshipClass,
			valueShare: fields.valueShare,
			revision: sql`${portraits.revision} + 1`,
			updatedAt: sql`now()`
		})
		.where(
			and(
				eq(portraits.id, portraitId),
				eq(portraits.workspaceId, workspaceId),
				eq(portraits.revision, fields.revision)
			)
		)
		.returning({ revision: portraits.revision });
	if (!updated) throw conflict('revision_conflict');
	return updated.revision;
}

/** Deletes a portrait with its photo, session links, journey maps and document. Editors only. */
export async function deletePortrait(
	db: Db,
	actor: PortraitActor,
	workspaceId: string,
	portraitId: string
): Promise<void> {
	const { portrait } = await requirePortraitManager(db, actor, workspaceId, portraitId);
	const maps = await db.transaction(async (tx) => {
		// Its maps go with it (foreign key), so their stored documents must go too.
		const maps = await tx
			.select({ id: journeyMaps.id, workspaceId: journeyMaps.workspaceId })
			.from(journeyMaps)
			.where(eq(journeyMaps.portraitId, portraitId));
		await tx
			.delete(portraits)
			.where(and(eq(portraits.id, portraitId), eq(portraits.workspaceId, workspaceId)));
		await deletePortraitDocument(tx, portrait);
		for (const map of maps) await deleteMapDocument(tx, map);
		return maps;
	});
	await reauthorizePortraitRoom(portrait);
	for (const map of maps) await reauthorizeJourneyRoom(map);
}

/** The list page: portraits matching the filters, the workspace's segments, and whether the actor may create. */
export async function listPortraits(
	db: DbOrTx,
	actor: PortraitActor,
	workspaceId: string,
	filters: PortraitFilters
): Promise<{ portraits: PortraitSummary[]; segments: string[]; total: number }> {
	await requireWorkspaceMember(db, actor, workspaceId);
	const conditions = [eq(portraits.workspaceId, workspaceId)];
	if (filters.kind) conditions.push(eq(portraits.kind, filters.kind));
	if (filters.relationshipClass)
		conditions.push(eq(portraits.relationshipClass, filters.relationshipClass));
	if (filters.segment !== null) conditions.push(eq(portraits.segment, filters.segment));
	const list = await selectSummaries(db, and(...conditions));
	const segmentRows = await db
		.selectDistinct({ segment: portraits.segment })
		.from(portraits)
		.where(eq(portraits.workspaceId, workspaceId));
	const [{ total }] = await db
		.select({ total: sql<number>`count(*)::int` })
		.from(portraits)
		.where(eq(portraits.workspaceId, workspaceId));
	return {
		portraits: list,
		segments: segmentRows
			.map((row) => row.segment)
			.filter(Boolean)
			.sort((a, b) => a.localeCompare(b)),
		total: Number(total)
	};
}

/** A journey map of a portrait, as its page lists it. */
export type PortraitJourneyMap = { id: string; title: string; locked: boolean; updatedAt: string };

/**
 * The journey maps of a portrait, newest first; with `sessionId`, only those linked to that
 * session, by title (as the session lists them).
 */
export async function portraitJourneyMaps(
	db: DbOrTx,
	portraitId: string,
	sessionId?: string
): Promise<PortraitJourneyMap[]> {
	const columns = {
		id: journeyMaps.id,
		title: journeyMaps.title,
		locked: journeyMaps.locked,
		updatedAt: journeyMaps.updatedAt
	};
	const rows = sessionId
		? await db
				.select(columns)
				.from(sessionJourneyMaps)
				.innerJoin(journeyMaps, eq(journeyMaps.id, sessionJourneyMaps.journeyMapId))
				.where(
					and(eq(sessionJourneyMaps.sessionId, sessionId), eq(journeyMaps.portraitId, portraitId))
				)
				.orderBy(asc(journeyMaps.title), asc(journeyMaps.id))
		: await db
				.select(columns)
				.from(journeyMaps)
				.where(eq(journeyMaps.portraitId, portraitId))
				.orderBy(desc(journeyMaps.createdAt), asc(journeyMaps.id));
	return rows.map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() }));
}

/** One portrait for its page: the summary, what the actor may do, and its journey maps. */
export async function portraitView(
	db: DbOrTx,
	actor: PortraitActor,
	workspaceId: string,
	portraitId: string
) {
	const access = await loadPortraitAccess(db, actor, workspaceId, portraitId);
	return {
		portrait: await portraitSummary(db, portraitId),
		mayEdit: access.mayEdit,
		mayManage: access.mayManage,
		journeyMaps: await portraitJourneyMaps(db, portraitId)
	};
}

/** A portrait with its rendered prose, for the comparison and the print layout. */
export type FullPortrait = { portrait: PortraitSummary; rendered: RenderedPortrait };

/** One portrait with its prose rendered from the stored document (print layout). */
export async function printablePortrait(
	db: Db,
	actor: PortraitActor,
	workspaceId: string,
	portraitId: string
): Promise<FullPortrait> {
	await loadPortraitAccess(db, actor, workspaceId, portraitId);
	const portrait = await portraitSummary(db, portraitId);
	return { portrait, rendered: await loadRenderedPortrait(db, portrait) };
}

/** Two or three portraits of the workspace side by side, in the order asked; any unknown id refuses. */
export async function comparePortraits(
	db: Db,
	actor: PortraitActor,
	workspaceId: string,
	ids: string[] | null
): Promise<FullPortrait[]> {
	await requireWorkspaceMember(db, actor, workspaceId);
	if (!ids) throw new DomainError('compare_count', 400, 'ids');
	const found = await selectSummaries(
		db,
		and(eq(portraits.workspaceId, workspaceId), inArray(portraits.id, ids))
	);
	if (found.length !== ids.length) throw new DomainError('compare_count', 400, 'ids');
	const byId = new Map(found.map((portrait) => [portrait.id, portrait]));
	const ordered = ids.flatMap((id) => byId.get(id) ?? []);
	return Promise.all(
		ordered.map(async (portrait) => ({
			portrait,
			rendered: await loadRenderedPortrait(db, portrait)
		}))
	);
}

/** The Pareto view of the workspace's portraits (optionally of one kind). */
export async function portraitPareto(
	db: DbOrTx,
	actor: PortraitActor,
	workspaceId: string,
	filters: Pick<PortraitFilters, 'kind'> = { kind: null }
): Promise<ParetoView> {
	await requireWorkspaceMember(db, actor, workspaceId);
	const conditions = [eq(portraits.workspaceId, workspaceId)];
	if (filters.kind) conditions.push(eq(portraits.kind, filters.kind));
	const rows = await db
		.select({ id: portraits.id, name: portraits.name, valueShare: portraits.valueShare })
		.from(portraits)
		.where(and(...conditions));
	return paretoView(
		rows.map((row) => ({
			...row,
			valueShare: row.valueShare === null ? null : Number(row.valueShare)
		}))
	);
}
