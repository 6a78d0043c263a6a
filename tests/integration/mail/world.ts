// A published definition and a mail worker on a real SMTP sink, with a clock the test moves.
import { and, eq, inArray, ne } from 'drizzle-orm';
import { db } from '$lib/server/db';
import {
	mailMessages,
	mailSettings,
	strategySessions,
	users,
	workspaces
} from '$lib/server/db/schema';
import { goToStage } from '$lib/server/sessions/controls';
import { publishDefinition } from '$lib/server/publications/publish';
import { smtpTransport } from '$lib/server/mail/transport';
import { createMailWorker } from '$lib/server/mail/worker';
import { agreeOn, consensusWorld } from '../../utils/consensus-factories';
import { startSmtpSink } from '../../utils/smtp-sink';

export const DAY = 24 * 60 * 60 * 1000;
export const ORIGIN = 'http://focus.example.test';

/** A clock the test sets. */
export function testClock(start: Date) {
	let now = start;
	return {
		now: () => now,
		advance(ms: number) {
			now = new Date(now.getTime() + ms);
		}
	};
}

/**
 * A worker that sends through the sink on `clock`, for the mail of `workspaceId` only: the files of
 * a test worker share one database, so the others' queued mail is cancelled and their reminders
 * switched off first (a worker serves the whole queue, as it does in production).
 */
export async function workerOn(sinkUrl: string, clock: () => Date, workspaceId: string) {
	await db
		.update(mailMessages)
		.set({ status: 'cancelled' })
		.where(and(ne(mailMessages.workspaceId, workspaceId), eq(mailMessages.status, 'pending')));
	const others = await db
		.select({ id: workspaces.id })
		.from(workspaces)
		.where(ne(workspaces.id, workspaceId));
	if (others.length)
		await db
			.insert(mailSettings)
			.values(others.map((other) => ({ workspaceId: other.id, reminderDays: [] })))
			.onConflictDoUpdate({ target: mailSettings.workspaceId, set: { reminderDays: [] } });
	return createMailWorker({
		db,
		transport: smtpTransport(sinkUrl, 'Focusboard <focusboard@example.test>'),
		origin: ORIGIN,
		clock
	});
}

/** The consensus world published as version 1, a sink, and the stored messages of this workspace. */
export async function publishedWorld(options: { sessionTitle?: string } = {}) {
	const world = await consensusWorld();
	if (options.sessionTitle)
		await db
			.update(strategySessions)
			.set({ title: options.sessionTitle })
			.where(eq(strategySessions.id, world.sessionId));
	await agreeOn(world, world.v1.id);
	await goToStage(db, world.actors.facilitator, world.sessionId, 'publish');
	const publication = await publishDefinition(db, world.actors.facilitator, world.sessionId, {
		explanation: 'Ask first.',
		rules: { always: ['Greet'], react: [], never: [] }
	});
	const sink = await startSmtpSink();
	const messages = () =>
		db.select().from(mailMessages).where(eq(mailMessages.workspaceId, world.workspaceId));
	return { world, publication, sink, messages };
}

export async function setLanguage(userIds: string[], language: string) {
	await db.update(users).set({ language }).where(inArray(users.id, userIds));
}

/** The one-click link token in a message's text. */
export function linkToken(text: string): string | null {
	return /\/mail\/open\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null;
}
