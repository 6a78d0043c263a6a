import { eq } from 'drizzle-orm';
import type { Anonymity, Stage, StageKey } from '$lib/sessions/stages';
import type { Db, Tx } from '../db';
import { sessionParticipants } from '../db/schema';
import { DomainError } from '../errors';
import {
	loadSessionContext,
	requireFacilitator,
	type SessionActor,
	type SessionRow
} from './access';
import { events } from '../ports';
import { reauthorizeSessionRooms } from './rooms';
import { generateGuestCode } from './sessions';
import { lockSession } from './lock';
import { writeSessionChange, type SessionChange } from './session-change';
import { transitionStage } from './stage-transition';

/**
 * Runs one facilitator action under a lock on the session row, so two facilitators acting at
 * once are applied one after the other, each on the state the other left; then tells every screen.
 */
async function facilitate(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	act: (session: SessionRow, tx: Tx) => Promise<SessionRow>
): Promise<SessionRow> {
	const updated = await db.transaction(async (tx) => {
		const ctx = await loadSessionContext(tx, actor, sessionId);
		requireFacilitator(ctx);
		return act(await lockSession(tx, sessionId), tx);
	});
	events.publish(sessionId, 'session');
	return updated;
}

/** A facilitator action that writes `change(session)` to the session row. */
function facilitateChange(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	change: (session: SessionRow) => SessionChange
): Promise<SessionRow> {
	return facilitate(db, actor, sessionId, (session, tx) =>
		writeSessionChange(tx, sessionId, change(session))
	);
}

/** Moves every participant's screen to `stage` (forwards or back; nothing is lost either way). */
export function goToStage(db: Db, actor: SessionActor, sessionId: string, stage: StageKey) {
	return facilitate(db, actor, sessionId, (session, tx) =>
		transitionStage(tx, session, { cause: 'facilitator', to: stage })
	);
}

/** Renames, skips and reorders stages; if the current stage gets skipped, the next active one opens. */
export function arrangeStages(db: Db, actor: SessionActor, sessionId: string, stages: Stage[]) {
	return facilitate(db, actor, sessionId, (session, tx) =>
		transitionStage(tx, session, { cause: 'arrangement', stages })
	);
}

export type TimerCommand =
	| { command: 'start'; minutes: number }
	| { command: 'pause' }
	| { command: 'resume' }
	| { command: 'add_minute' }
	| { command: 'clear' };

/** The countdown: start, pause, resume, +1 minute, clear. */
export function controlTimer(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	timer: TimerCommand,
	now = new Date()
) {
	return facilitateChange(db, actor, sessionId, (session) => {
		switch (timer.command) {
			case 'start':
				return {
					timerEndsAt: new Date(now.getTime() + timer.minutes * 60_000),
					timerRemainingMs: null
				};
			case 'pause':
				if (!session.timerEndsAt) throw new DomainError('timer_invalid', 409);
				return {
					timerEndsAt: null,
					timerRemainingMs: Math.max(0, session.timerEndsAt.getTime() - now.getTime())
				};
			case 'resume':
				if (session.timerRemainingMs === null) throw new DomainError('timer_invalid', 409);
				return {
					timerEndsAt: new Date(now.getTime() + session.timerRemainingMs),
					timerRemainingMs: null
				};
			case 'add_minute':
				if (session.timerEndsAt)
					return {
						timerEndsAt: new Date(Math.max(session.timerEndsAt.getTime(), now.getTime()) + 60_000)
					};
				if (session.timerRemainingMs !== null)
					return { timerRemainingMs: session.timerRemainingMs + 60_000 };
				return { timerEndsAt: new Date(now.getTime() + 60_000) };
			case 'clear':
				return { timerEndsAt: null, timerRemainingMs: null };
		}
	});
}

/** Locks or unlocks editing for everyone but the facilitator's controls. */
export async function setLocked(db: Db, actor: SessionActor, sessionId: string, locked: boolean) {
	const session = await facilitateChange(db, actor, sessionId, () => ({ locked }));
	await reauthorizeSessionRooms(session);
	return session;
}

export function setAnonymity(db: Db, actor: SessionActor, sessionId: string, anonymity: Anonymity) {
	return facilitateChange(db, actor, sessionId, () => ({ anonymity }));
}

/**
 * Opens the session to guests with a fresh code, or closes it: nobody new joins, and guests
 * already in stay (a facilitator closes the door mid-workshop without sending the customer at the
 * table away; removing a guest is its own action). Open connections are checked again all the same.
 */
export async function setGuestsAllowed(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	allowed: boolean
) {
	const session = await facilitateChange(db, actor, sessionId, (row) => ({
		guestCode: allowed ? (row.guestCode ?? generateGuestCode()) : null
	}));
	if (!allowed) await reauthorizeSessionRooms(session);
	return session;
}

/**
 * A participant presses (or takes back) "I'm done" on the current stage. On stage 1 there is no
 * such button: submitting one's own definition is being done there (see `sessionCore`).
 */
export async function markDone(db: Db, actor: SessionActor, sessionId: string, done: boolean) {
	const ctx = await loadSessionContext(db, actor, sessionId);
	if (ctx.session.currentStage === 'definitions') throw new DomainError('done_by_submitting', 409);
	await db
		.update(sessionParticipants)
		.set({ doneStage: done ? ctx.session.currentStage : null })
		.where(eq(sessionParticipants.id, ctx.participant.id));
	events.publish(sessionId, 'presence');
}
