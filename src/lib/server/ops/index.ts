// What running the app in production takes: probes, metrics, logs and the drain. Built once by
// the composition root (src/lib/server/app.ts); the request hook (hooks.server.ts) and server.js
// use what it builds.
import type { Server } from 'node:http';
import { drainDelayMs } from './drain';
import { ReadinessProbe } from './health';
import { logger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { startMetricsServer } from './metrics-server';

export { drain, refuseUpgradesWhileDraining } from './drain';
export { ReadinessProbe, type ReadinessCheck } from './health';
export { handleOpsRequest } from './http';
export { logger, syncLogger, type Logger } from './logger';

/** The operations side of the running app. */
export type Ops = {
	log: Logger;
	metrics: Metrics;
	/** Readiness checks: the composition root registers the database, the Redis bus its client. */
	readiness: ReadinessProbe;
	/** METRICS_TOKEN: `/metrics` on the app's port needs it as a bearer token; unset: 404 there. */
	metricsToken: string | undefined;
	/** DRAIN_DELAY_MS. */
	drainDelayMs: number;
	/** Stops what `startOps` started (the metrics port). */
	close(): Promise<void>;
};

/** Builds the operations side from the environment; with METRICS_PORT, serves metrics there. */
export async function startOps(env: NodeJS.ProcessEnv = process.env): Promise<Ops> {
	const metrics = createMetrics();
	const metricsPort = Number(env.METRICS_PORT?.trim() || NaN);
	let metricsServer: Server | null = null;
	if (Number.isInteger(metricsPort) && metricsPort > 0) {
		metricsServer = await startMetricsServer(metrics, metricsPort, env.HOST ?? '0.0.0.0');
		logger.info({ port: metricsPort }, 'metrics served on their own port');
	}
	return {
		log: logger,
		metrics,
		readiness: new ReadinessProbe(),
		metricsToken: env.METRICS_TOKEN?.trim() || undefined,
		drainDelayMs: drainDelayMs(env.DRAIN_DELAY_MS),
		close: () =>
			new Promise<void>((resolve) => {
				if (!metricsServer) return resolve();
				metricsServer.close(() => resolve());
				metricsServer.closeAllConnections();
			})
	};
}
