// Cold load: time from opening a connection to the first completed sync, for documents nobody
// has open, of several sizes with several numbers of updates not yet compacted. Ours stores a
// snapshot plus a log; Hocuspocus stores full state only (its documents are always "compacted");
// the reference server keeps nothing, so it has no cold load to measure.
import { BenchClient } from '../client';
import { DeliveryLedger, Samples, round } from '../metrics';
import { benchRoom, clientBase } from './common';
import type { ScenarioContext } from './context';
import { buildDocument, storeDocument } from './documents';

/** Runs the cold-load scenario; null for a server without persistence. */
export async function coldLoad(context: ScenarioContext) {
	if (context.server.kind === 'reference') return null;
	const p = context.params.coldLoad;
	const results = [];
	for (const size of p.sizesBytes) {
		for (const edits of p.uncompactedUpdates) {
			const shape = buildDocument(size, edits);
			const times = new Samples();
			for (let rep = 0; rep < p.repetitions; rep++) {
				const room = benchRoom(context.workspaceId);
				await storeDocument(context, room, shape);
				const startedAt = performance.now();
				const client = await BenchClient.connect({
					...clientBase(context.server, room),
					full: true,
					ledger: new DeliveryLedger(),
					latency: new Samples(),
					measuring: () => false
				});
				times.add(performance.now() - startedAt);
				const loaded = client.doc.getText('text').length;
				await client.close();
				if (loaded !== shape.textLength)
					throw new Error(
						`cold load of ${room} gave ${loaded} characters, expected ${shape.textLength}`
					);
			}
			results.push({
				documentBytes: shape.full.length,
				snapshotBytes: shape.snapshot.length,
				uncompactedUpdates: context.server.kind === 'ours' ? edits : 0,
				firstSyncMs: { median: times.percentile(50), max: times.percentile(100) }
			});
		}
	}
	return results.map((row) => ({ ...row, documentKiB: round(row.documentBytes / 1024, 0) }));
}
