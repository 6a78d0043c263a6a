// The app's one logger: JSON lines on stdout (pino), at LOG_LEVEL (default info). Secrets never
// reach a log line: cookies, authorization headers, tokens and passwords are redacted wherever
// they appear in a logged object, and request lines carry the route id, never the path (a path
// may hold an invitation or reset token) nor a body (document contents).
import { randomUUID } from 'node:crypto';
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import type { SyncLogger } from '../sync/config';

export type { Logger } from 'pino';

const LEVELS: readonly LevelWithSilent[] = [
	'fatal',
	'error',
	'warn',
	'info',
	'debug',
	'trace',
	'silent'
];

/** Paths pino replaces with "[redacted]" before a line is written. */
export const REDACTED_PATHS = [
	'cookie',
	'authorization',
	'password',
	'token',
	'headers.cookie',
	'headers.authorization',
	'headers["set-cookie"]',
	'headers["x-metrics-token"]',
	'req.headers.cookie',
	'req.headers.authorization',
	'res.headers["set-cookie"]',
	'*.cookie',
	'*.authorization',
	'*.password',
	'*.token'
];

/** The level named by `value` (LOG_LEVEL), info when it names none. */
export function logLevel(value: string | undefined): LevelWithSilent {
	const level = value?.trim().toLowerCase();
	return LEVELS.find((known) => known === level) ?? 'info';
}

/** A logger writing JSON lines to `destination` (stdout by default). */
export function createLogger(
	options: { level?: string; destination?: DestinationStream } = {}
): Logger {
	return pino(
		{
			level: logLevel(options.level ?? process.env.LOG_LEVEL),
			base: { pid: process.pid },
			redact: { paths: REDACTED_PATHS, censor: '[redacted]' }
		},
		options.destination
	);
}

/** The sync server's problem reports, as log lines of `logger`. */
export function syncLogger(logger: Logger): SyncLogger {
	const child = logger.child({ area: 'sync' });
	return {
		warn: (message, error) => child.warn({ err: error }, message),
		error: (message, error) => child.error({ err: error }, message)
	};
}

/** What a request id from a client may look like: short, no spaces or control characters. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The request's id: the client's X-Request-Id when it is sane, else a new one. */
export function requestIdOf(header: string | null | undefined): string {
	return header && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** The process's logger (LOG_LEVEL). */
export const logger = createLogger();
