import { db } from '$lib/server/db';
import { runEndpoint } from '$lib/server/http';
import { loadSessionContext } from '$lib/server/sessions/access';
import { actorFromLocals } from '$lib/server/sessions/actor';
import { events } from '$lib/server/ports';
import type { RequestHandler } from './$types';

const HEARTBEAT_MS = 25_000;

/**
 * Server-sent events: a `change` event names the part of the session that changed; the screen
 * then refetches that part as its viewer may see it, so no secret travels on this stream.
 * While the stream is open its participant counts as present.
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	let ctx;
	try {
		ctx = await loadSessionContext(db, actorFromLocals(locals), params.id);
	} catch (error) {
		return runEndpoint(() => {
			throw error;
		});
	}
	const sessionId = ctx.session.id;
	const participantId = ctx.participant.id;
	const encoder = new TextEncoder();
	let stop = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (chunk: string) => {
				try {
					controller.enqueue(encoder.encode(chunk));
				} catch {
					stop();
				}
			};
			const unsubscribe = events.subscribe(sessionId, (topic) =>
				send(`event: change\ndata: ${JSON.stringify({ topic })}\n\n`)
			);
			const release = events.trackPresence(sessionId, participantId);
			const heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
			stop = () => {
				clearInterval(heartbeat);
				unsubscribe();
				release();
			};
			request.signal.addEventListener('abort', () => {
				stop();
				try {
					controller.close();
				} catch {
					// already closed
				}
			});
			send('retry: 3000\n\n');
		},
		cancel() {
			stop();
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream',
			'cache-control': 'no-cache, no-transform',
			'x-accel-buffering': 'no'
		}
	});
};
