// Persistence: documents of a realistic size (a board or draft of some 20 KB, already stored),
// two clients each typing small edits into every document. Reports what the database took per
// byte of update (table growth with autovacuum off, and cluster WAL), transactions, and the
// longest time an accepted update waited to be stored.
import { DeliveryLedger, Samples, round } from '../metrics';
import { benchRoom, clientBase, closeAll, connectMany, pace, sleep } from './common';
import { commits, settle, tableBytes, walPosition, type ScenarioContext } from './context';
import { buildDocument, storeDocument } from './documents';

/** Runs the persistence scenario; null for a server without persistence. */
export async function persistence(context: ScenarioContext) {
	if (context.server.kind === 'reference') return null;
	const p = context.params.persistence;
	const shape = buildDocument(p.documentBytes, 0);
	const rooms = Array.from({ length: p.documents }, () => benchRoom(context.workspaceId));
	for (const room of rooms) await storeDocument(context, room, shape);
	const ledger = new DeliveryLedger();
	const before = {
		table: await tableBytes(context),
		wal: await walPosition(context),
		commits: await commits(context)
	};

	const clients = await connectMany(
		rooms.flatMap((room) =>
			Array.from({ length: p.clientsPerDocument }, () => ({
				...clientBase(context.server, room),
				full: false,
				ledger,
				latency: new Samples(),
				measuring: () => true
			}))
		)
	);
	const stop = pace(clients.length, p.updatesPerSecondPerClient, (i) =>
		clients[i].sendUpdate(p.clientsPerDocument - 1)
	);
	await sleep(p.seconds * 1000);
	stop();
	await closeAll(clients);
	const settled = await settle(context);
	const stats = await context.server.stats();
	const tableBytesWritten = (await tableBytes(context)) - before.table;
	const walBytes = Number((await walPosition(context)) - before.wal);
	return {
		documents: p.documents,
		documentBytes: shape.full.length,
		updates: ledger.sent,
		updateBytesSent: ledger.sentBytes,
		tableBytesWritten,
		tableBytesPerUpdateByte: round(tableBytesWritten / ledger.sentBytes, 2),
		walBytes,
		walBytesPerUpdateByte: round(walBytes / ledger.sentBytes, 2),
		transactions: (await commits(context)) - before.commits,
		maxUnsavedMs: stats.maxUnsavedMs === undefined ? null : round(stats.maxUnsavedMs),
		dropped: ledger.missing,
		settled
	};
}
