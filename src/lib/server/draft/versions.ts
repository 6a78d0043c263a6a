import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { diffWords } from 'diff';
import type { Db } from '../db';
import { draftVersions, strategySessions, users } from '../db/schema';
import { DomainError, invalid } from '../errors';
import {
	loadSessionContext,
	requireFacilitator,
	type SessionActor,
	type SessionContext
} from '../sessions/access';
import { publish } from '../sessions/live';
import type { DiffPart, DraftVersion, VersionComparison } from '$lib/draft/types';

export type { DraftVersion };

/** Reads the current draft of a session as sanitised HTML and text (from the live document). */
export type ReadDraft = (session: {
	id: string;
	workspaceId: string;
}) => Promise<{ html: string; text: string }>;

/**
 * The facilitator freezes the current draft as the next numbered version. Numbers are given
 * under the session row lock, so two facilitators saving at once get consecutive numbers.
 */
export async function saveVersion(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	name: string,
	readDraft: ReadDraft
): Promise<DraftVersion> {
	const ctx = await loadSessionContext(db, actor, sessionId);
	requireFacilitator(ctx);
	const { html, text } = await readDraft(ctx.session);
	if (!text.trim()) throw invalid('text_required', 'name');
	const version = await db.transaction(async (tx) => {
		await tx
			.select({ id: strategySessions.id })
			.from(strategySessions)
			.where(eq(strategySessions.id, sessionId))
			.for('update');
		const [last] = await tx
			.select({ number: sql<number>`coalesce(max(${draftVersions.number}), 0)::int` })
			.from(draftVersions)
			.where(eq(draftVersions.sessionId, sessionId));
		const number = (last?.number ?? 0) + 1;
		const [row] = await tx
			.insert(draftVersions)
			.values({
				sessionId,
				number,
				name: name || `v${number}`,
				html,
				text,
				createdBy: actor.kind === 'user' ? actor.userId : null
			})
			.returning();
		return row;
	});
	publish(sessionId, 'draft');
	return { ...version, createdBy: ctx.name };
}

/** Every saved version of a session, oldest first. */
export async function listVersions(db: Db, ctx: SessionContext): Promise<DraftVersion[]> {
	return db
		.select({
			id: draftVersions.id,
			number: draftVersions.number,
			name: draftVersions.name,
			html: draftVersions.html,
			text: draftVersions.text,
			createdAt: draftVersions.createdAt,
			createdBy: users.name
		})
		.from(draftVersions)
		.leftJoin(users, eq(users.id, draftVersions.createdBy))
		.where(eq(draftVersions.sessionId, ctx.session.id))
		.orderBy(asc(draftVersions.number));
}

/** Word-by-word comparison of two versions of the same session. */
export async function compareVersions(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	fromId: string,
	toId: string
): Promise<VersionComparison> {
	await loadSessionContext(db, actor, sessionId);
	const rows = await db
		.select()
		.from(draftVersions)
		.where(and(eq(draftVersions.sessionId, sessionId), inArray(draftVersions.id, [fromId, toId])));
	const from = rows.find((row) => row.id === fromId);
	const to = rows.find((row) => row.id === toId);
	if (!from || !to) throw new DomainError('version_unknown', 404);
	const parts: DiffPart[] = diffWords(from.text, to.text).map((part) => ({
		value: part.value,
		added: Boolean(part.added),
		removed: Boolean(part.removed)
	}));
	return {
		from: { id: from.id, number: from.number, name: from.name },
		to: { id: to.id, number: to.number, name: to.name },
		parts
	};
}
