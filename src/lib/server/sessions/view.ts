import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db';
import { ownDefinitions, sessionParticipants } from '../db/schema';
import { participantNames, type SessionContext } from './access';
import { events } from '../ports';
import type { SessionCore } from '$lib/sessions/types';

function toCore(ctx: SessionContext, now: Date): Omit<SessionCore, 'participants' | 'me'> {
	const s = ctx.session;
	return {
		id: s.id,
		workspaceId: s.workspaceId,
		title: s.title,
		goal: s.goal,
		scheduledOn: s.scheduledOn,
		stages: s.stages,
		currentStage: s.currentStage,
		anonymity: s.anonymity,
		locked: s.locked,
		revealed: s.definitionsRevealedAt !== null,
		timer: {
			endsAt: s.timerEndsAt?.toISOString() ?? null,
			remainingMs: s.timerEndsAt
				? Math.max(0, s.timerEndsAt.getTime() - now.getTime())
				: s.timerRemainingMs,
			running: s.timerEndsAt !== null
		},
		/** Only the facilitator needs the code to invite guests. */
		guestCode: ctx.isFacilitator ? s.guestCode : null,
		revision: s.revision,
		serverTime: now.toISOString()
	};
}

/**
 * Who is done on the current stage: those who pressed "I'm done" on it, except on stage 1, where
 * being done is having submitted one's own definition (one idea of progress per stage).
 */
async function doneParticipants(
	db: Db,
	ctx: SessionContext,
	rows: { id: string; doneStage: string | null }[]
) {
	if (ctx.session.currentStage !== 'definitions')
		return new Set(
			rows.filter((row) => row.doneStage === ctx.session.currentStage).map((row) => row.id)
		);
	const submitted = await db
		.select({ id: ownDefinitions.participantId })
		.from(ownDefinitions)
		.where(
			and(eq(ownDefinitions.sessionId, ctx.session.id), isNotNull(ownDefinitions.submittedAt))
		);
	return new Set(submitted.map((row) => row.id));
}

/** Builds the shared part of a session screen: stage, timer, lock, who is here, who is done or excused. */
export async function sessionCore(
	db: Db,
	ctx: SessionContext,
	now = new Date()
): Promise<SessionCore> {
	const names = await participantNames(db, ctx.session.id);
	const online = await events.presentParticipants(ctx.session.id);
	const rows = await db
		.select()
		.from(sessionParticipants)
		.where(eq(sessionParticipants.sessionId, ctx.session.id));
	const done = await doneParticipants(db, ctx, rows);
	const participants = rows
		.filter((row) => row.removedAt === null)
		.map((row) => ({
			id: row.id,
			name: names.get(row.id) ?? '?',
			online: online.has(row.id),
			done: done.has(row.id),
			isFacilitator: row.isFacilitator,
			isGuest: row.userId === null,
			excused: row.excusedAt !== null,
			reclaimRequested: ctx.isFacilitator && row.reclaimTokenHash !== null
		}));
	const mine = participants.find((p) => p.id === ctx.participant.id);
	return {
		...toCore(ctx, now),
		participants,
		me: {
			participantId: ctx.participant.id,
			name: ctx.name,
			isFacilitator: ctx.isFacilitator,
			isGuest: ctx.isGuest,
			done: mine?.done ?? false
		}
	};
}
