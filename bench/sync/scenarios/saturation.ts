// Saturation: 50 documents with two clients each; the per-client rate is stepped up until the
// p99 delivery latency passes the limit. Reports every step and the best rate within the limit.
import { DeliveryLedger, Samples, round } from '../metrics';
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

/** Runs the saturation scenario. */
export async function saturation(context: ScenarioContext) {
	const { server } = context;
	const p = context.params.saturation;
	const ledger = new DeliveryLedger();
	const latency = new Samples();
	let measuring = false;
	const rooms = Array.from({ length: p.documents }, () => benchRoom(context.workspaceId));
	const clients = await connectMany(
		rooms.flatMap((room) =>
			Array.from({ length: p.clientsPerDocument }, () => ({
				...clientBase(server, room),
				full: false,
				ledger,
				latency,
				measuring: () => measuring
			}))
		)
	);
	const steps = [];
	let best: { ratePerClient: number; deliveredPerSecond: number; p99: number | null } | null = null;
	for (const rate of p.rates) {
		ledger.reset();
		latency.clear();
		const stop = pace(clients.length, rate, (i) => clients[i].sendUpdate(p.clientsPerDocument - 1));
		await sleep(500);
		measuring = true;
		const usage = startUsageWindow(server);
		await sleep(p.stepSeconds * 1000);
		measuring = false;
		stop();
		const window = usage();
		const deliveredInWindow = ledger.delivered;
		await waitUntil(() => ledger.missing === 0, 5_000);
		const step = {
			ratePerClient: rate,
			offeredPerSecond: rate * clients.length,
			deliveredPerSecond: round(deliveredInWindow / window.seconds, 0),
			p50: latency.percentile(50),
			p99: latency.percentile(99),
			dropped: ledger.missing,
			serverCpuMs: window.serverCpuMs,
			postgresCpuMs: window.postgresCpuMs,
			loadgenCpuMs: window.loadgenCpuMs
		};
		steps.push(step);
		const withinLimit = step.p99 !== null && step.p99 <= p.p99LimitMs && step.dropped === 0;
		if (!withinLimit) break;
		best = { ratePerClient: rate, deliveredPerSecond: step.deliveredPerSecond, p99: step.p99 };
		// Let queues drain before the next step.
		await sleep(500);
	}
	await closeAll(clients);
	return { clients: clients.length, best, steps };
}
