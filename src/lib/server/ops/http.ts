// The first request hook: answers the probes and `/metrics` before any session, CSRF or locale
// work, and gives every other request an id (X-Request-Id), a log line and a duration metric.
import type { Handle } from '@sveltejs/kit';
import { healthResponse, readinessResponse } from './health';
import { requestIdOf } from './logger';
import { metricsResponse } from './metrics';
import type { Ops } from './index';

type HandleInput = Parameters<Handle>[0];

/** Serves the probes and metrics, or `resolve`s the request with an id, a log line and a metric. */
export async function handleOpsRequest(ops: Ops, { event, resolve }: HandleInput) {
	const { pathname } = event.url;
	if (pathname === '/healthz') return healthResponse();
	if (pathname === '/readyz') return readinessResponse(ops.readiness);
	if (pathname === '/metrics')
		return metricsResponse(
			ops.metrics,
			event.request.headers.get('authorization'),
			ops.metricsToken
		);

	const requestId = requestIdOf(event.request.headers.get('x-request-id'));
	const { method } = event.request;
	const started = performance.now();
	let status = 500;
	try {
		const response = withHeader(await resolve(event), 'x-request-id', requestId);
		status = response.status;
		return response;
	} finally {
		const seconds = (performance.now() - started) / 1000;
		// The route id, never the path: a path may carry a token (invitations, password resets).
		const route = event.route.id ?? 'unmatched';
		ops.metrics.observeRequest(route, method, status, seconds);
		ops.log.info(
			{ requestId, method, route, status, ms: Math.round(seconds * 10_000) / 10 },
			'request'
		);
	}
}

/** `response` with `name: value`; a copy when its headers are immutable (a fetched response). */
function withHeader(response: Response, name: string, value: string): Response {
	try {
		response.headers.set(name, value);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		copy.headers.set(name, value);
		return copy;
	}
}
