// Two instances over Redis (ours only): in each room a writer on one instance sends updates and a
// reader receives them, connected to the same instance (one instance) or to a second instance
// that shares the room over Redis, so that every update crosses Redis (two instances). Both are
// measured at each offered rate, one after the other, with fresh rooms: delivery latency p50/p99,
// delivered updates per second and updates lost.
import { DeliveryLedger, Samples, round } from '../metrics';
import type { RunningServer } from '../servers';
import {
	benchRoom,
	clientBase,
	closeAll,
	connectMany,
	pace,
	sleep,
	startUsageWindow,
	waitUntil
} from './common';
import type { ScenarioContext } from './context';

/**
 * One step: writers on `context.server`, readers on it too or on `peer`, `rate` updates per
 * second in all.
 */
async function measure(
	context: ScenarioContext,
	peer: RunningServer,
	readersOnPeer: boolean,
	rate: number
) {
	const { server } = context;
	const reading = readersOnPeer ? peer : server;
	const p = context.params.twoInstances;
	const ledger = new DeliveryLedger();
	const latency = new Samples();
	let measuring = false;
	const rooms = Array.from({ length: p.documents }, () => benchRoom(context.workspaceId));
	const client = (target: RunningServer, room: string) => ({
		...clientBase(target, room),
		full: true,
		ledger,
		latency,
		measuring: () => measuring
	});
	const readers = await connectMany(rooms.map((room) => client(reading, room)));
	const writers = await connectMany(rooms.map((room) => client(server, room)));
	const stop = pace(writers.length, rate / writers.length, (i) => writers[i].sendUpdate(1));
	await sleep(p.warmupSeconds * 1000);
	measuring = true;
	const sentBefore = ledger.sent;
	const usage = [server, peer].map((target) => startUsageWindow(target));
	await sleep(p.seconds * 1000);
	measuring = false;
	stop();
	const windows = usage.map((end) => end());
	const seconds = windows[0].seconds;
	const sent = ledger.sent - sentBefore;
	const deliveredInWindow = ledger.delivered;
	// Stragglers get five seconds before they count as lost.
	await waitUntil(() => ledger.missing === 0, 5_000);
	await closeAll([...writers, ...readers]);
	return {
		offeredPerSecond: rate,
		sentPerSecond: round(sent / seconds, 0),
		deliveredPerSecond: round(deliveredInWindow / seconds, 0),
		p50: latency.percentile(50),
		p99: latency.percentile(99),
		lost: ledger.missing,
		/** Both instances (in the one-instance step the second one is idle). */
		serverCpuMs: windows[0].serverCpuMs + windows[1].serverCpuMs
	};
}

/** Runs the two-instance scenario; `context.server` and its peer share rooms over Redis. */
export async function twoInstances(context: ScenarioContext) {
	const p = context.params.twoInstances;
	const peer = await context.startPeer();
	const steps = [];
	try {
		for (const rate of p.rates) {
			const one = await measure(context, peer, false, rate);
			const two = await measure(context, peer, true, rate);
			steps.push({
				offeredPerSecond: rate,
				oneInstance: one,
				twoInstances: two,
				p99TwoOverOne: one.p99 && two.p99 !== null ? round(two.p99 / one.p99) : null
			});
		}
	} finally {
		await peer.stop();
	}
	return { rooms: p.documents, steps };
}
