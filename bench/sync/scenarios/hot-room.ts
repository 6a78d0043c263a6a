// Hot room: one document, many clients, a few writers who also move cursors (awareness) several
// times a second. Reports fan-out latency of updates and cursors, and CPU per delivered message.
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

/** Runs the hot-room scenario. */
export async function hotRoom(context: ScenarioContext) {
	const { server } = context;
	const p = context.params.hotRoom;
	const ledger = new DeliveryLedger();
	const updateLatency = new Samples();
	const fullLatency = new Samples();
	const cursorLatency = new Samples();
	let measuring = false;
	const room = benchRoom(context.workspaceId);
	// Writers are full clients, as are five watchers; the rest only count what they get.
	const fullClients = p.writers + 5;
	const clients = await connectMany(
		Array.from({ length: p.clients }, (_, i) => ({
			...clientBase(server, room),
			full: i < fullClients,
			ledger,
			latency: i < fullClients ? fullLatency : updateLatency,
			awarenessLatency: cursorLatency,
			measuring: () => measuring
		})),
		20
	);
	const writers = clients.slice(0, p.writers);
	const stopUpdates = pace(writers.length, p.updatesPerSecondPerWriter, (i) =>
		writers[i].sendUpdate(p.clients - 1)
	);
	const stopCursors = pace(writers.length, p.cursorHz, (i) => writers[i].sendCursor());
	await sleep(2_000);
	measuring = true;
	const usage = startUsageWindow(server);
	await sleep(p.seconds * 1000);
	stopUpdates();
	stopCursors();
	await waitUntil(() => ledger.missing === 0, 5_000);
	const window = usage();
	measuring = false;
	await closeAll(clients);
	const deliveredMessages = ledger.delivered + cursorLatency.count;

	return {
		clients: p.clients,
		writers: p.writers,
		delivered: ledger.delivered,
		dropped: ledger.missing,
		cursorDeliveries: cursorLatency.count,
		latencyMs: {
			updatesAll: { p50: updateLatency.percentile(50), p99: updateLatency.percentile(99) },
			updatesFull: { p50: fullLatency.percentile(50), p99: fullLatency.percentile(99) },
			cursors: { p50: cursorLatency.percentile(50), p99: cursorLatency.percentile(99) }
		},
		...window,
		serverCpuMsPerDeliveredMessage: deliveredMessages
			? round(window.serverCpuMs / deliveredMessages, 4)
			: null
	};
}
