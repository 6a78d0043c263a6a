// Prometheus metrics in a registry of their own (prom-client): the sync server's figures, read
// from its `stats()` when scraped; store latency and batch size, observed around the store hook;
// HTTP request durations by route id, observed by the request hook (hooks.server.ts).
import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SyncConfig, SyncServerStats } from '../sync';

type StoreUpdates = SyncConfig['hooks']['storeUpdates'];

/** The app's metrics. */
export type Metrics = {
	registry: Registry;
	/** Reads the sync server's figures from `stats` at each scrape. */
	watchSync(stats: () => SyncServerStats): void;
	/** `store` timed: latency and rows of every batch. */
	timeStore(store: StoreUpdates): StoreUpdates;
	/** One HTTP request served. */
	observeRequest(routeId: string, method: string, status: number, seconds: number): void;
};

/** Builds the metrics; `defaults` adds Node's process metrics (CPU, memory, event loop). */
export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
	const registry = new Registry();
	if (options.defaults ?? true) collectDefaultMetrics({ register: registry });
	let stats: (() => SyncServerStats) | null = null;
	const read = (pick: (figures: SyncServerStats) => number) => (stats ? pick(stats()) : 0);

	const gauge = (name: string, help: string, pick: (figures: SyncServerStats) => number) =>
		new Gauge({
			name,
			help,
			registers: [registry],
			collect() {
				this.set(read(pick));
			}
		});
	/** A counter that follows a running total the sync server keeps. */
	const total = (name: string, help: string, pick: (figures: SyncServerStats) => number) => {
		let seen = 0;
		return new Counter({
			name,
			help,
			registers: [registry],
			collect() {
				const now = read(pick);
				if (now > seen) this.inc(now - seen);
				seen = Math.max(seen, now);
			}
		});
	};

	gauge('focusboard_sync_connections', 'Open WebSocket sync connections.', (s) => s.connections);
	gauge('focusboard_sync_rooms', 'Documents loaded in memory.', (s) => s.rooms);
	gauge(
		'focusboard_sync_store_queue_updates',
		'Accepted updates waiting to be stored.',
		(s) => s.pendingUpdates
	);
	gauge(
		'focusboard_sync_store_queue_bytes',
		'Bytes of accepted updates waiting to be stored.',
		(s) => s.pendingBytes
	);
	gauge(
		'focusboard_sync_store_oldest_pending_seconds',
		'Age of the oldest update waiting to be stored.',
		(s) => s.oldestPendingMs / 1000
	);
	total('focusboard_sync_updates_stored_total', 'Updates stored.', (s) => s.storedRows);
	total(
		'focusboard_sync_updates_relayed_total',
		'Update messages sent to peers after storing.',
		(s) => s.relayedUpdates
	);
	total('focusboard_sync_store_failures_total', 'Failed store statements.', (s) => s.failures);
	total('focusboard_sync_compactions_total', 'Compactions completed.', (s) => s.compactions);

	const storeSeconds = new Histogram({
		name: 'focusboard_sync_store_seconds',
		help: 'Time to store one batch of updates.',
		labelNames: ['outcome'],
		buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
		registers: [registry]
	});
	const batchRows = new Histogram({
		name: 'focusboard_sync_store_batch_rows',
		help: 'Updates stored by one statement.',
		buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 4096],
		registers: [registry]
	});
	const httpSeconds = new Histogram({
		name: 'focusboard_http_request_duration_seconds',
		help: 'HTTP requests served by SvelteKit, by route id.',
		labelNames: ['route', 'method', 'status'],
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
		registers: [registry]
	});

	return {
		registry,
		watchSync(source) {
			stats = source;
		},
		timeStore(store) {
			return async (input) => {
				const stop = storeSeconds.startTimer();
				try {
					await store(input);
					stop({ outcome: 'stored' });
					batchRows.observe(input.rows.length);
				} catch (error) {
					stop({ outcome: 'failed' });
					throw error;
				}
			};
		},
		observeRequest(routeId, method, status, seconds) {
			httpSeconds.observe({ route: routeId, method, status: String(status) }, seconds);
		}
	};
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** True when `header` is `Bearer <token>` (compared in constant time). */
export function hasMetricsToken(header: string | null, token: string): boolean {
	const presented = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
	return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/**
 * `/metrics` on the app's port: 404 unless METRICS_TOKEN is set (then metrics are on METRICS_PORT
 * or nowhere), 401 without `Authorization: Bearer <METRICS_TOKEN>`.
 */
export async function metricsResponse(
	metrics: Metrics,
	authorization: string | null,
	token: string | undefined
): Promise<Response> {
	if (!token) return new Response('Not found', { status: 404 });
	if (!hasMetricsToken(authorization, token))
		return new Response('Unauthorized', {
			status: 401,
			headers: { 'www-authenticate': 'Bearer' }
		});
	return new Response(await metrics.registry.metrics(), {
		headers: { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' }
	});
}
