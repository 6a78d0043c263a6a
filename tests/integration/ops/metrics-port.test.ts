// METRICS_PORT: metrics on a port of their own, without a token; nothing else is served there.
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createMetrics } from '$lib/server/ops/metrics';
import { startMetricsServer } from '$lib/server/ops/metrics-server';

const metrics = createMetrics({ defaults: false });
const server = await startMetricsServer(metrics, 0, '127.0.0.1');
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the metrics port', () => {
	it('serves /metrics without a token and nothing else', async () => {
		metrics.observeRequest('/(auth)/signin', 'GET', 200, 0.01);
		const response = await fetch(`${base}/metrics`);
		expect(response.status).toBe(200);
		expect(await response.text()).toContain(
			'focusboard_http_request_duration_seconds_count{route="/(auth)/signin",method="GET",status="200"} 1'
		);
		expect((await fetch(`${base}/`)).status).toBe(404);
		expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(404);
	});
});
