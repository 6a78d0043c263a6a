// The mail worker: queues the reminders that are due, then sends due messages until none are left.
// It runs in the server process (started once, see `index.ts`); several processes on one database
// each run one and share the work through the queue's claims.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { users } from '../db/schema';
import { LINK_DAYS, mailLinkPath, mintMailLink } from './links';
import { claimDueMail, markCancelled, markFailed, markSent, type ClaimedMail } from './queue';
import { mailKinds, renderMail, type MailKind } from './render';
import { scheduleReminders, stillWanted } from './reminders';
import { isPermanentFailure, type MailTransport } from './transport';

export type MailWorkerOptions = {
	db: DbOrTx;
	transport: MailTransport;
	origin: string;
	/** Injectable for tests. */
	clock?: () => Date;
	/** Messages claimed at once. */
	batchSize?: number;
	/** How long a claimed message stays hidden from other workers. */
	leaseMs?: number;
	/** Pause between rounds when the queue is empty. */
	intervalMs?: number;
	/**
	 * Runs a round so that one process at a time does (a database lock); resolves with null,
	 * skipping the round, while another process runs one. Unset: every round runs.
	 */
	exclusive?: (round: () => Promise<number>) => Promise<number | null>;
};

export type MailWorker = {
	/** One round: schedule reminders, send everything due; returns how many were settled. */
	tick(): Promise<number>;
	start(): void;
	stop(): Promise<void>;
};

/** Payload fields that are secrets (sign-up links): dropped from the stored copy once sent. */
const SECRET_FIELDS = ['link'];
const HIDDEN = '[…]';
const isKind = (kind: string): kind is MailKind => (mailKinds as readonly string[]).includes(kind);

export function createMailWorker(options: MailWorkerOptions): MailWorker {
	const { db, transport, origin } = options;
	const clock = options.clock ?? (() => new Date());
	const batchSize = options.batchSize ?? 20;
	const leaseMs = options.leaseMs ?? 5 * 60_000;
	const intervalMs = options.intervalMs ?? 5_000;

	async function deliver(mail: ClaimedMail): Promise<void> {
		const now = clock();
		if (!isKind(mail.kind) || !(await stillWanted(db, mail))) return markCancelled(db, mail);
		// A member gets it in the language they use now; an invitee in the one it was queued in.
		const [recipient] = mail.userId
			? await db
					.select({ name: users.name, language: users.language })
					.from(users)
					.where(eq(users.id, mail.userId))
			: [];
		const oneClick = mail.kind === 'announcement' || mail.kind === 'reminder';
		const token =
			oneClick && mail.userId ? await mintMailLink(db, mail.userId, mail.workspaceId, now) : null;
		const rendered = renderMail(
			mail.kind,
			recipient?.language ?? mail.language,
			{ address: mail.toAddress, name: recipient?.name ?? mail.payload.recipientName ?? '' },
			mail.payload,
			{ origin, link: token ? `${origin}${mailLinkPath(token)}` : null, linkDays: LINK_DAYS }
		);
		try {
			await transport.send(rendered);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			return markFailed(db, mail, message, isPermanentFailure(error), clock());
		}
		let stored = rendered.text;
		const payload = { ...mail.payload };
		for (const secret of [token, ...SECRET_FIELDS.map((field) => payload[field])])
			if (secret) stored = stored.replaceAll(secret, HIDDEN);
		for (const field of SECRET_FIELDS) if (field in payload) payload[field] = HIDDEN;
		await markSent(
			db,
			mail,
			{ subject: rendered.subject, bodyText: stored, via: transport.via, payload },
			clock()
		);
	}

	async function tick(): Promise<number> {
		await scheduleReminders(db, clock());
		let settled = 0;
		for (;;) {
			const claimed = await claimDueMail(db, clock(), batchSize, leaseMs);
			if (!claimed.length) return settled;
			for (const mail of claimed) {
				try {
					await deliver(mail);
				} catch (error) {
					// A bug or a database hiccup: the lease runs out and the message is tried again.
					console.error('mail: delivering', mail.id, error);
				}
				settled += 1;
			}
		}
	}

	let timer: ReturnType<typeof setTimeout> | null = null;
	let running: Promise<unknown> | null = null;
	let stopped = true;
	const loop = () => {
		running = (options.exclusive ?? ((round) => round()))(tick)
			.catch((error) => console.error('mail: worker round failed', error))
			.finally(() => {
				running = null;
				if (!stopped) timer = setTimeout(loop, intervalMs);
			});
	};
	return {
		tick,
		start() {
			if (!stopped) return;
			stopped = false;
			loop();
		},
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			await running;
			transport.close();
		}
	};
}
