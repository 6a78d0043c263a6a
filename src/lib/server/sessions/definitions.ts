import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { ownDefinitions, sessionParticipants, strategySessions } from '../db/schema';
import { DomainError } from '../errors';
import {
	loadSessionContext,
	participantNames,
	requireFacilitator,
	requireOpenStage,
	type SessionActor,
	type SessionContext
} from './access';
import { expectedParticipant } from './expected';
import { events } from '../ports';

import type { DefinitionsView, RevealedDefinition } from '$lib/sessions/definitions';
import { lockSession } from './lock';

export type { RevealedDefinition };

/** The reveal copies definitions into the shared board; the board module registers how. */
export type PlaceOnBoard = (
	session: { id: string; workspaceId: string },
	definitions: RevealedDefinition[]
) => Promise<void>;

/**
 * The session row under a shared lock, checked for an open, unlocked, unrevealed stage 1. The reveal
 * sets its flag under an exclusive lock on the same row, so a save or withdrawal holding this one
 * lands wholly before the reveal or is refused after it. Lock order: the session row first, then
 * the definition row, as everywhere else.
 */
async function lockOpenDefinitionsStage(tx: Tx, ctx: SessionContext): Promise<void> {
	const [session] = await tx
		.select()
		.from(strategySessions)
		.where(eq(strategySessions.id, ctx.session.id))
		.for('share');
	if (!session) throw new DomainError('not_found', 404);
	requireOpenStage({ ...ctx, session }, 'definitions');
	if (session.definitionsRevealedAt) throw new DomainError('stage_not_open', 409);
}

/**
 * Saves the actor's own definition as they type (`submit` false) or submits it; it stays readable
 * only by them until the reveal. A submitted definition is not changed by an autosave (a late
 * retry, a second tab): only wording its author submitted is ever revealed, so the autosave is
 * refused with `definition_submitted` until the author takes the submission back.
 */
export async function saveOwnDefinition(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	input: { text: string; roleTag: string },
	submit: boolean
) {
	const ctx = await loadSessionContext(db, actor, sessionId);
	const row = await db.transaction(async (tx) => {
		await lockOpenDefinitionsStage(tx, ctx);
		if (submit && !input.text.trim()) throw new DomainError('text_required', 400, 'text');
		const mine = and(
			eq(ownDefinitions.sessionId, sessionId),
			eq(ownDefinitions.participantId, ctx.participant.id)
		);
		if (!submit) {
			const [current] = await tx
				.select({ submittedAt: ownDefinitions.submittedAt })
				.from(ownDefinitions)
				.where(mine)
				.for('update');
			if (current?.submittedAt) throw new DomainError('definition_submitted', 409, 'text');
		}
		const now = new Date();
		const [saved] = await tx
			.insert(ownDefinitions)
			.values({
				sessionId,
				participantId: ctx.participant.id,
				text: input.text,
				roleTag: input.roleTag,
				submittedAt: submit ? now : null,
				updatedAt: now
			})
			.onConflictDoUpdate({
				target: [ownDefinitions.sessionId, ownDefinitions.participantId],
				set: {
					text: input.text,
					roleTag: input.roleTag,
					updatedAt: now,
					...(submit ? { submittedAt: now } : {})
				}
			})
			.returning();
		return saved;
	});
	if (submit) {
		events.publish(sessionId, 'definitions');
		// Submitting is being done on this stage: every screen's count changes.
		events.publish(sessionId, 'presence');
	}
	return { text: row.text, roleTag: row.roleTag, submittedAt: row.submittedAt };
}

/** Takes a submission back to keep editing (before the reveal). */
export async function withdrawOwnDefinition(db: Db, actor: SessionActor, sessionId: string) {
	const ctx = await loadSessionContext(db, actor, sessionId);
	await db.transaction(async (tx) => {
		await lockOpenDefinitionsStage(tx, ctx);
		await tx
			.update(ownDefinitions)
			.set({ submittedAt: null })
			.where(
				and(
					eq(ownDefinitions.sessionId, sessionId),
					eq(ownDefinitions.participantId, ctx.participant.id)
				)
			);
	});
	events.publish(sessionId, 'definitions');
	events.publish(sessionId, 'presence');
}

/** Who may see the author of a revealed definition under the session's anonymity setting. */
function showsAuthors(ctx: SessionContext): boolean {
	return (
		ctx.session.anonymity === 'off' || (ctx.session.anonymity === 'partial' && ctx.isFacilitator)
	);
}

/** Submitted definitions as `ctx` may see them once revealed; before the reveal, nothing. */
export async function revealedDefinitions(
	db: Db,
	ctx: SessionContext
): Promise<RevealedDefinition[]> {
	if (!ctx.session.definitionsRevealedAt) return [];
	const names = await participantNames(db, ctx.session.id);
	const rows = await db
		.select()
		.from(ownDefinitions)
		.where(eq(ownDefinitions.sessionId, ctx.session.id))
		.orderBy(asc(ownDefinitions.submittedAt));
	const authors = showsAuthors(ctx);
	return rows
		.filter((row) => row.submittedAt && row.text.trim())
		.map((row) => ({
			id: row.id,
			text: row.text,
			roleTag: row.roleTag,
			author: authors ? (names.get(row.participantId) ?? null) : null
		}));
}

/**
 * What stage 1 shows the actor: their own text always; the facilitator also sees who has
 * submitted (never what); after the reveal, every submitted definition as anonymity allows.
 */
export async function definitionsView(db: Db, ctx: SessionContext): Promise<DefinitionsView> {
	const [own] = await db
		.select({
			text: ownDefinitions.text,
			roleTag: ownDefinitions.roleTag,
			submittedAt: ownDefinitions.submittedAt
		})
		.from(ownDefinitions)
		.where(
			and(
				eq(ownDefinitions.sessionId, ctx.session.id),
				eq(ownDefinitions.participantId, ctx.participant.id)
			)
		);
	let submissions: { participantId: string; name: string; submitted: boolean }[] = [];
	if (ctx.isFacilitator) {
		const names = await participantNames(db, ctx.session.id);
		const rows = await db
			.select({ participantId: sessionParticipants.id, submittedAt: ownDefinitions.submittedAt })
			.from(sessionParticipants)
			.leftJoin(
				ownDefinitions,
				and(
					eq(ownDefinitions.participantId, sessionParticipants.id),
					eq(ownDefinitions.sessionId, ctx.session.id)
				)
			)
			.where(expectedParticipant(ctx.session.id));
		submissions = rows.map((row) => ({
			participantId: row.participantId,
			name: names.get(row.participantId) ?? '?',
			submitted: row.submittedAt !== null
		}));
	}
	return {
		own: own ?? { text: '', roleTag: '', submittedAt: null },
		submissions,
		revealed: ctx.session.definitionsRevealedAt !== null,
		definitions: await revealedDefinitions(db, ctx)
	};
}

/**
 * The facilitator reveals all submitted definitions: the flag is set under the session row lock,
 * then the definitions are placed on the shared board (idempotently, so a failed placement is
 * repaired by revealing again). The board gets author names only when anonymity is off, since
 * everyone in its room receives the whole document.
 */
export async function revealDefinitions(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	placeOnBoard: PlaceOnBoard
) {
	await db.transaction(async (tx) => {
		const ctx = await loadSessionContext(tx, actor, sessionId);
		requireFacilitator(ctx);
		const row = await lockSession(tx, sessionId);
		if (!row.definitionsRevealedAt)
			await tx
				.update(strategySessions)
				.set({ definitionsRevealedAt: new Date() })
				.where(eq(strategySessions.id, sessionId));
	});
	events.publish(sessionId, 'session');
	events.publish(sessionId, 'definitions');
	const ctx = await loadSessionContext(db, actor, sessionId);
	await placeOnBoard(ctx.session, await revealedDefinitions(db, { ...ctx, isFacilitator: false }));
}
