// Steady relay: many documents with a few clients each, each client sending a small update at a
// steady rate. Reports delivery latency (full clients, and all clients), drops, CPU per delivered
// update, memory, and what the database took for it (persistence).
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
import { commits, settle, tableBytes, walPosition, type ScenarioContext } from './context';

/** Runs the steady-relay scenario. */
export async function steadyRelay(context: ScenarioContext) {
	const { server } = context;
	const p = context.params.relay;
	const ledger = new DeliveryLedger();
	const fullLatency = new Samples();
	const lightLatency = new Samples();
	let measuring = false;
	const fullDocuments = Math.max(1, Math.round(p.documents * p.fullClientShare));
	const rooms = Array.from({ length: p.documents }, () => benchRoom(context.workspaceId));
	const tableBytesBefore = await tableBytes(context);
	const walBefore = await walPosition(context);
	const commitsBefore = await commits(context);

	const clients = await connectMany(
		rooms.flatMap((room, doc) =>
			Array.from({ length: p.clientsPerDocument }, () => ({
				...clientBase(server, room),
				full: doc < fullDocuments,
				ledger,
				latency: doc < fullDocuments ? fullLatency : lightLatency,
				measuring: () => measuring
			}))
		)
	);
	const recipients = p.clientsPerDocument - 1;
	const stop = pace(clients.length, p.updatesPerSecondPerClient, (i) =>
		clients[i].sendUpdate(recipients)
	);
	await sleep(p.warmupSeconds * 1000);
	measuring = true;
	const usage = startUsageWindow(server);
	await sleep(p.seconds * 1000);
	stop();
	await waitUntil(() => ledger.missing === 0, 5_000);
	const window = usage();
	measuring = false;
	const sentBytes = ledger.sentBytes;

	await closeAll(clients);
	// Let every server finish storing (Hocuspocus stores on its debounce and on unload; ours compacts on unload).
	const settled = await settle(context);
	const stats = await server.stats();
	const persisted = server.kind !== 'reference';
	const storedBytes = (await tableBytes(context)) - tableBytesBefore;
	const walBytes = Number((await walPosition(context)) - walBefore);
	const transactions = (await commits(context)) - commitsBefore;
	const delivered = ledger.delivered;

	return {
		clients: clients.length,
		sentUpdates: ledger.sent,
		expectedDeliveries: ledger.expected,
		delivered,
		dropped: ledger.missing,
		deliveredPerSecond: round(delivered / window.seconds, 0),
		latencyMs: {
			full: {
				p50: fullLatency.percentile(50),
				p99: fullLatency.percentile(99),
				samples: fullLatency.count
			},
			all: {
				p50: lightLatency.percentile(50),
				p99: lightLatency.percentile(99),
				samples: lightLatency.count
			}
		},
		...window,
		serverCpuMsPerDelivered: delivered ? round(window.serverCpuMs / delivered, 4) : null,
		serverAndPostgresCpuMsPerDelivered: delivered
			? round((window.serverCpuMs + window.postgresCpuMs) / delivered, 4)
			: null,
		persistence: persisted
			? {
					updateBytesSent: sentBytes,
					tableBytesWritten: storedBytes,
					tableBytesPerUpdateByte: round(storedBytes / sentBytes, 2),
					walBytes,
					walBytesPerUpdateByte: round(walBytes / sentBytes, 2),
					transactions,
					maxUnsavedMs: stats.maxUnsavedMs === undefined ? null : round(stats.maxUnsavedMs),
					settled
				}
			: null
	};
}
