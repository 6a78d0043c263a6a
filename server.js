// Production entry: adapter-node's request handler in our own http server, so the WebSocket
// sync endpoint shares the app's port. The app's composition root (src/lib/server/app.ts, started
// by the handler's init) hands over the upgrade handler and the reader-page fast path, once.
import http from 'node:http';
import { pathToFileURL } from 'node:url';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
// Without ORIGIN adapter-node assumes https, and SvelteKit's CSRF check then refuses every form
// posted to a plain-http local server; default to the local address we listen on.
process.env.ORIGIN ??= `http://localhost:${port}`;
// Session imports are up to 8 MB; adapter-node's default body limit is 512 KB.
process.env.BODY_SIZE_LIMIT ??= '9M';
// BUILD_DIR lets the end-to-end tests run a private copy of a build while another one is made.
const buildDir = process.env.BUILD_DIR
	? pathToFileURL(`${process.env.BUILD_DIR}/`)
	: new URL('./build/', import.meta.url);
/** @type {unknown} */
const built = await import(new URL('handler.js', buildDir).href);
const { handler } =
	/** @type {{ handler: (request: http.IncomingMessage, response: http.ServerResponse) => void }} */ (
		built
	);

/**
 * What the app serves besides SvelteKit (`AppEntry` in src/lib/server/app.ts): its init has run
 * by the time handler.js is loaded.
 * @typedef {{
 *   handleUpgrade: (request: http.IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => Promise<void>,
 *   serveReaderPage: (request: http.IncomingMessage, response: http.ServerResponse) => boolean,
 *   close: () => Promise<void>,
 *   drain: () => Promise<void>,
 *   log: { info: (...args: unknown[]) => void, error: (...args: unknown[]) => void },
 *   ops: { drainDelayMs: number }
 * }} AppEntry
 */
/** @type {unknown} */
const started = await /** @type {any} */ (globalThis)[Symbol.for('focusboard.app')];
const app = /** @type {AppEntry | undefined} */ (started);
if (!app) throw new Error('the app did not start (src/lib/server/app.ts)');

/** @param {http.IncomingMessage} request @param {http.ServerResponse} response */
function handle(request, response) {
	// Kept reader pages are sent before SvelteKit when nothing they show has changed.
	if (app.serveReaderPage(request, response)) return;
	handler(request, response);
}

const server = http.createServer(handle);

server.on('upgrade', (request, socket, head) => {
	if (!request.url?.startsWith('/sync/')) {
		socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
		return;
	}
	void app.handleUpgrade(request, socket, head);
});

server.listen(port, host, () => {
	app.log.info({ host, port, origin: process.env.ORIGIN }, 'Focusboard listening');
});

let stopping = false;
/** @param {string} signal */
async function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	app.log.info({ signal }, 'shutting down');
	const timer = setTimeout(() => process.exit(1), app.ops.drainDelayMs + 10_000);
	timer.unref();
	try {
		// SIGTERM (an orchestrator's stop) drains: probes and upgrades refused while the port still
		// answers, then pending updates stored and sockets closed with 1012. Other stops skip the wait.
		await (signal === 'SIGTERM' ? app.drain() : app.close());
	} catch (error) {
		app.log.error({ err: error }, 'sync shutdown failed');
		process.exitCode = 1;
	}
	server.close();
	server.closeIdleConnections?.();
	process.exit();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

// Last resort: errors no handler caught. Every sync connection guards its own handlers (a throw
// there closes that connection only), so reaching here is a bug in code outside any request or
// connection. Ending the process would drop every room and workshop at once, so one such error is
// logged and the process goes on; several in a short time suggest a broken state, and the process
// shuts down gracefully (pending updates stored, clients told to reconnect) for its supervisor to
// restart it.
const UNCAUGHT_LIMIT = 5;
const UNCAUGHT_WINDOW_MS = 60_000;
/** @type {number[]} */
let uncaughtAt = [];
/** @param {string} kind @param {unknown} error */
function onUncaught(kind, error) {
	app.log.error({ err: error }, `${kind} (the process keeps running)`);
	const now = Date.now();
	uncaughtAt = [...uncaughtAt.filter((at) => now - at < UNCAUGHT_WINDOW_MS), now];
	if (uncaughtAt.length < UNCAUGHT_LIMIT) return;
	app.log.error(`${UNCAUGHT_LIMIT} uncaught errors within a minute: shutting down`);
	process.exitCode = 1;
	void shutdown('uncaught errors');
}
process.on('uncaughtException', (error) => onUncaught('uncaught exception', error));
process.on('unhandledRejection', (reason) => onUncaught('unhandled rejection', reason));
