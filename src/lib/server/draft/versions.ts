import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { diffWords } from 'diff';
import type { Db, DbOrTx } from '../db';
import { draftVersions, users } from '../db/schema';
import { DomainError, invalid } from '../errors';
import {
	loadSessionContext,
	requireFacilitator,
	type SessionActor,
	type SessionContext
} from '../sessions/access';
import { events } from '../ports';
import type { DiffPart, DraftVersion, VersionComparison } from '$lib/draft/types';
import { lockSession } from '../sessions/lock';

export type { DraftVersion };

/** Reads the current draft of a session as sanitized HTML and text (from the live document). */
export type ReadDraft = (session: {
	id: string;
	workspaceId: string;
}) => Promise<{ html: string; text: string }>;

/** Longest default name of a version taken from the start of its text. */
const DEFAULT_NAME_LENGTH = 48;

/**
 * The name of a version saved without one: the start of its text, so that a list of versions reads
 * "v2 · Every patient understands…" rather than repeating the number ("v2 · v2").
 */
export function defaultVersionName(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= DEFAULT_NAME_LENGTH) return flat;
	const cut = flat.slice(0, DEFAULT_NAME_LENGTH);
	const atWord = cut.lastIndexOf(' ');
	return `${(atWord > DEFAULT_NAME_LENGTH / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}

/**
 * The facilitator freezes the current draft as the next numbered version. Numbers are given
 * under the session row lock, so two facilitators saving at once get consecutive numbers.
 * Saving a draft that is unchanged since the latest version (a double click, a second
 * facilitator, a retried request) returns that version instead of making a copy of it, unless
 * the save gives a new name.
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
		await lockSession(tx, sessionId);
		const [latest] = await tx
			.select()
			.from(draftVersions)
			.where(eq(draftVersions.sessionId, sessionId))
			.orderBy(desc(draftVersions.number))
			.limit(1);
		if (latest && latest.html === html && (!name || name === latest.name))
			return { row: latest, created: false };
		const number = (latest?.number ?? 0) + 1;
		const [row] = await tx
			.insert(draftVersions)
			.values({
				sessionId,
				number,
				name: name || defaultVersionName(text),
				html,
				text,
				createdBy: actor.kind === 'user' ? actor.userId : null
			})
			.returning();
		return { row, created: true };
	});
	if (!version.created)
		return { ...version.row, createdBy: await authorName(db, version.row.createdBy) };
	events.publish(sessionId, 'draft');
	return { ...version.row, createdBy: ctx.name };
}

async function authorName(db: Db, userId: string | null): Promise<string | null> {
	if (!userId) return null;
	const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
	return row?.name ?? null;
}

/** Every saved version of a session, oldest first, with its author's name. */
export function sessionVersions(db: DbOrTx, sessionId: string) {
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
		.where(eq(draftVersions.sessionId, sessionId))
		.orderBy(asc(draftVersions.number));
}

/** Every saved version of the session, oldest first. */
export async function listVersions(db: Db, ctx: SessionContext): Promise<DraftVersion[]> {
	return sessionVersions(db, ctx.session.id);
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
