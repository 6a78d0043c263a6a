// The ops request hook (src/lib/server/ops/http.ts) in front of a stand-in page, with the
// metrics watching a real test sync server, and the log lines it writes captured.
import { Writable } from 'node:stream';
import type { Handle } from '@sveltejs/kit';
import { handleOpsRequest, ReadinessProbe, type Ops } from '$lib/server/ops';
import { createLogger } from '$lib/server/ops/logger';
import { createMetrics } from '$lib/server/ops/metrics';

type HandleInput = Parameters<Handle>[0];

/** Ops with a captured log; `metricsToken` as given. */
export function testOps(metricsToken: string | undefined) {
	const lines: string[] = [];
	const destination = new Writable({
		write(chunk: Buffer, _encoding, done) {
			lines.push(chunk.toString());
			done();
		}
	});
	const ops: Ops = {
		log: createLogger({ level: 'info', destination }),
		metrics: createMetrics({ defaults: false }),
		readiness: new ReadinessProbe(),
		metricsToken,
		drainDelayMs: 0,
		close: () => Promise.resolve()
	};
	return { ops, lines };
}

/** A request through the ops hook; other paths reach a page of route `routeId`. */
export async function request(
	ops: Ops,
	path: string,
	headers: Record<string, string> = {},
	routeId: string | null = '/w/[ws=uuid]'
): Promise<Response> {
	const url = new URL(path, 'http://127.0.0.1');
	const event = { url, request: new Request(url, { headers }), route: { id: routeId } };
	const resolve = () => Promise.resolve(new Response('page', { status: 200 }));
	// Only the fields the ops hook reads; SvelteKit's event has many more.
	const input = { event, resolve } as unknown as HandleInput;
	return handleOpsRequest(ops, input);
}

/** The value of `name` (with exactly `labels`, if given) in Prometheus text; undefined when absent. */
export function metricValue(text: string, name: string, labels = ''): number | undefined {
	for (const line of text.split('\n')) {
		if (line.startsWith('#')) continue;
		const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)$/.exec(line);
		if (!match || match[1] !== name) continue;
		if (labels && match[2] !== `{${labels}}`) continue;
		return Number(match[3]);
	}
	return undefined;
}
