// Pieces every scenario uses: opening many clients, pacing sends, waiting, and measuring the
// server's, the database's and the load generator's CPU over a window.
import { randomUUID } from 'node:crypto';
import { BenchClient, type ClientOptions } from '../client';
import { ownCpuMs, postgresCpuMs, processUsage, round } from '../metrics';
import type { RunningServer } from '../servers';

/** A room name every server accepts (ours requires the canonical form). */
export function benchRoom(workspaceId: string): string {
	return `ws.${workspaceId}.bench.${randomUUID()}`;
}

/** Opens clients `concurrency` at a time. */
export async function connectMany(
	options: ClientOptions[],
	concurrency = 40
): Promise<BenchClient[]> {
	const clients = new Array<BenchClient>(options.length);
	let next = 0;
	async function worker() {
		while (next < options.length) {
			const index = next++;
			clients[index] = await BenchClient.connect(options[index]);
		}
	}
	await Promise.all(Array.from({ length: Math.min(concurrency, options.length) }, worker));
	return clients;
}

/** Client options for `server` and `room`; the rest is filled in by the scenario. */
export function clientBase(server: RunningServer, room: string) {
	return { url: server.urlFor(room), room, framing: server.framing, headers: server.headers };
}

/**
 * Calls `send(i)` for each of `count` senders at `perSecond` each, from one 5 ms ticker with
 * staggered phases (thousands of timers would measure the timers). Returns a stop function.
 */
export function pace(count: number, perSecond: number, send: (index: number) => void): () => void {
	const credit = Array.from({ length: count }, () => -Math.random());
	let last = performance.now();
	const timer = setInterval(() => {
		const now = performance.now();
		const earned = ((now - last) / 1000) * perSecond;
		last = now;
		for (let i = 0; i < count; i++) {
			credit[i] += earned;
			while (credit[i] >= 1) {
				credit[i] -= 1;
				send(i);
			}
		}
	}, 5);
	return () => clearInterval(timer);
}

/** Waits `ms`. */
export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every 100 ms until it is true or `timeoutMs` passes; returns whether it became true. */
export async function waitUntil(
	check: () => boolean | Promise<boolean>,
	timeoutMs: number
): Promise<boolean> {
	const deadline = performance.now() + timeoutMs;
	while (performance.now() < deadline) {
		if (await check()) return true;
		await sleep(100);
	}
	return check();
}

/** CPU of the server, the database and this process over a window, and the server's memory at its end. */
export function startUsageWindow(server: RunningServer) {
	const start = {
		server: processUsage(server.pid).cpuMs,
		postgres: postgresCpuMs(),
		loadgen: ownCpuMs(),
		at: performance.now()
	};
	return () => {
		const end = processUsage(server.pid);
		return {
			seconds: round((performance.now() - start.at) / 1000),
			serverCpuMs: end.cpuMs - start.server,
			postgresCpuMs: postgresCpuMs() - start.postgres,
			loadgenCpuMs: round(ownCpuMs() - start.loadgen, 0),
			serverRssMiB: round(end.rssBytes / 2 ** 20, 1),
			serverPeakRssMiB: round(end.peakRssBytes / 2 ** 20, 1)
		};
	};
}

/** Closes clients in parallel. */
export async function closeAll(clients: BenchClient[]): Promise<void> {
	await Promise.all(clients.map((client) => client.close()));
}
