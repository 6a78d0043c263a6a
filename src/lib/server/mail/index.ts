// The composition root of mail: one worker per server process, on SMTP when SMTP_URL is set and on
// the database outbox otherwise.
import { db } from '../db';
import { withAdvisoryLock } from '../scale/locks';
import { readMailConfig } from './config';
import { outboxTransport, smtpTransport } from './transport';
import { createMailWorker, type MailWorker } from './worker';

let worker: MailWorker | null = null;

/** Starts this process's mail worker (once; later calls return the same one). */
export function startMailWorker(): MailWorker | null {
	if (worker) return worker;
	const config = readMailConfig();
	if (!config.workerEnabled) return null;
	const transport = config.smtpUrl ? smtpTransport(config.smtpUrl, config.from) : outboxTransport;
	// Claims already share the messages between processes; the lock keeps rounds (and reminder
	// scheduling) to one process at a time.
	worker = createMailWorker({
		db,
		transport,
		origin: config.origin,
		exclusive: (round) => withAdvisoryLock(db, 'mail-worker', round)
	});
	worker.start();
	return worker;
}

/** Whether messages leave through a mail server or stay in the outbox. */
export function mailDelivery(): 'smtp' | 'outbox' {
	return readMailConfig().smtpUrl ? 'smtp' : 'outbox';
}
