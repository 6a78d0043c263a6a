// Churn: many clients, each opening a random one of many documents, making one edit and leaving,
// over and over. Reports memory growth after warm-up and how many documents stay in memory once
// everyone has left and the idle time has passed.
import { BenchClient } from '../client';
import { DeliveryLedger, Samples, processUsage, round } from '../metrics';
import { benchRoom, clientBase, sleep, waitUntil } from './common';
import type { ScenarioContext } from './context';

/** Runs the churn scenario. */
export async function churn(context: ScenarioContext) {
	const { server } = context;
	const p = context.params.churn;
	const names = Array.from({ length: p.documentNames }, () => benchRoom(context.workspaceId));
	const ledger = new DeliveryLedger();
	const latency = new Samples();
	let running = true;
	let cycles = 0;
	let failures = 0;
	async function cycle() {
		while (running) {
			const room = names[Math.floor(Math.random() * names.length)];
			try {
				const client = await BenchClient.connect({
					...clientBase(server, room),
					full: false,
					ledger,
					latency,
					measuring: () => false
				});
				client.sendUpdate(0);
				await client.close();
				cycles++;
			} catch {
				failures++;
			}
		}
	}
	const rss: { at: number; mib: number }[] = [];
	const startedAt = performance.now();
	const sampler = setInterval(
		() =>
			rss.push({
				at: (performance.now() - startedAt) / 1000,
				mib: processUsage(server.pid).rssBytes / 2 ** 20
			}),
		1_000
	);
	const workers = Array.from({ length: p.clients }, () => cycle());
	await sleep(p.warmupSeconds * 1000);
	const afterWarmup = processUsage(server.pid).rssBytes;
	const cyclesAtWarmup = cycles;
	await sleep((p.seconds - p.warmupSeconds) * 1000);
	const atEnd = processUsage(server.pid).rssBytes;
	const cyclesMeasured = cycles - cyclesAtWarmup;
	running = false;
	await Promise.all(workers);
	clearInterval(sampler);
	const roomsAtStop = (await server.stats()).rooms ?? null;
	// Ours unloads after its idle time; the others unload when the last client leaves.
	const idleWaitMs = server.kind === 'ours' ? p.idleUnloadMs + 5_000 : 5_000;
	await waitUntil(async () => (await server.stats()).rooms === 0, idleWaitMs);
	const roomsWhenIdle = (await server.stats()).rooms ?? null;
	const idle = processUsage(server.pid);

	return {
		clients: p.clients,
		documentNames: p.documentNames,
		seconds: p.seconds,
		cycles,
		cyclesPerSecond: round(cyclesMeasured / (p.seconds - p.warmupSeconds), 1),
		failures,
		rssAfterWarmupMiB: round(afterWarmup / 2 ** 20, 1),
		rssAtEndMiB: round(atEnd / 2 ** 20, 1),
		rssGrowthAfterWarmupMiB: round((atEnd - afterWarmup) / 2 ** 20, 1),
		rssWhenIdleMiB: round(idle.rssBytes / 2 ** 20, 1),
		peakRssMiB: round(idle.peakRssBytes / 2 ** 20, 1),
		documentsInMemoryAtStop: roomsAtStop,
		documentsInMemoryWhenIdle: roomsWhenIdle,
		rssSamplesMiB: rss.filter((_, i) => i % 5 === 0).map((sample) => round(sample.mib, 1))
	};
}
