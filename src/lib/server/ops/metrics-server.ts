// METRICS_PORT: `/metrics` on a port of its own (no token), for a scraper inside the private
// network; the app's port then serves metrics only with METRICS_TOKEN.
import { createServer, type Server } from 'node:http';
import type { Metrics } from './metrics';

/** Serves `GET /metrics` on `port` of `host`; resolves once listening. */
export function startMetricsServer(metrics: Metrics, port: number, host: string): Promise<Server> {
	const server = createServer((request, response) => {
		const path = (request.url ?? '').split('?')[0];
		if (request.method !== 'GET' || path !== '/metrics') {
			response.writeHead(404).end();
			return;
		}
		metrics.registry.metrics().then(
			(text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
			() => response.writeHead(500).end()
		);
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve(server));
	});
}
