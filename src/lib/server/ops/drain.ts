// The SIGTERM drain: readiness fails at once and new sync connections are refused (503), so the
// load balancer stops sending traffic here; after DRAIN_DELAY_MS (time for it to notice) the sync
// server stores every pending update and closes its sockets with 1012 ("service restart"), which
// clients answer by reconnecting at once, to another instance.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { refuseUpgrade } from '../sync/upgrade';
import type { ReadinessProbe } from './health';
import type { Logger } from './logger';

/** Default wait between failing readiness and closing sockets. */
const DEFAULT_DRAIN_DELAY_MS = 2_000;

/** DRAIN_DELAY_MS, or the default when unset or not a whole number of milliseconds ≥ 0. */
export function drainDelayMs(value: string | undefined): number {
	const ms = Number(value?.trim() || NaN);
	return Number.isInteger(ms) && ms >= 0 ? ms : DEFAULT_DRAIN_DELAY_MS;
}

type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;

/** `handleUpgrade` that refuses with 503 once the process drains. */
export function refuseUpgradesWhileDraining(
	readiness: ReadinessProbe,
	handleUpgrade: UpgradeHandler
): UpgradeHandler {
	return async (request, socket, head) => {
		if (!readiness.draining) return handleUpgrade(request, socket, head);
		socket.on('error', () => socket.destroy());
		refuseUpgrade(socket, 503);
	};
}

/** Drains the process: readiness off, wait `delayMs`, then `closeSync` (flush, close with 1012). */
export async function drain(options: {
	readiness: ReadinessProbe;
	log: Logger;
	delayMs: number;
	closeSync: () => Promise<void>;
}): Promise<void> {
	const { readiness, log, delayMs, closeSync } = options;
	if (readiness.draining) return;
	readiness.startDraining();
	log.info({ delayMs }, 'draining: not ready, refusing new sync connections');
	await new Promise((resolve) => setTimeout(resolve, delayMs));
	await closeSync();
	log.info('drained: pending updates stored, sync connections closed');
}
