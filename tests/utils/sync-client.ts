// Clients of the sync endpoint for tests: the stock y-websocket WebsocketProvider over the `ws`
// package (with the Cookie and Origin headers a browser would send), and a raw socket for
// sending hand-made frames.
import { once } from 'node:events';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider, messageAuth } from 'y-websocket';
import * as authProtocol from 'y-protocols/auth';
import { SESSION_COOKIE } from '$lib/server/auth/cookies';

/** Where to connect and as whom. */
export type ClientTarget = {
	/** ws://host:port/sync */
	url: string;
	/** Origin header to send. */
	origin: string;
};

/**
 * Headers of a browser on the app's page, signed in with `token` (none when null); `cookieName`
 * is the session cookie by default, the guest cookie for a session guest.
 */
export function browserHeaders(
	origin: string | null,
	token: string | null,
	cookieName: string = SESSION_COOKIE
): Record<string, string> {
	const headers: Record<string, string> = {};
	if (origin !== null) headers.Origin = origin;
	if (token !== null) headers.Cookie = `${cookieName}=${token}`;
	return headers;
}

/** A `ws` WebSocket class that always sends `headers`, shaped like the browser's WebSocket. */
function webSocketWithHeaders(headers: Record<string, string>) {
	return class HeaderWebSocket extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	};
}

/** A y-websocket client in a test. */
export type TestClient = {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Permission-denied reasons received. */
	denied: string[];
	/** Close codes the server sent. */
	closeCodes: number[];
	/** Resolves once the provider has synced with the server. */
	synced(): Promise<void>;
	/** Disconnects and frees the client. */
	destroy(): void;
};

/** The presence state `client` sees for the Yjs client `clientId`, if any. */
export function stateOf(client: TestClient, clientId: number): Record<string, unknown> | undefined {
	return client.provider.awareness.getStates().get(clientId);
}

/** Opens a stock WebsocketProvider to `room` as the user of `token`. */
export function connectClient(
	target: ClientTarget,
	room: string,
	token: string | null,
	options: {
		doc?: Y.Doc;
		origin?: string | null;
		maxBackoffTime?: number;
		/** Cookie that carries `token`; the session cookie by default. */
		cookieName?: string;
	} = {}
): TestClient {
	const doc = options.doc ?? new Y.Doc();
	const HeaderWebSocket = webSocketWithHeaders(
		browserHeaders(
			options.origin === undefined ? target.origin : options.origin,
			token,
			options.cookieName
		)
	);
	const provider = new WebsocketProvider(target.url, room, doc, {
		// ws's WebSocket is the browser API for Node; its TypeScript class differs only in Node-specific extras.
		WebSocketPolyfill: HeaderWebSocket as unknown as typeof globalThis.WebSocket,
		// Several providers share this process: BroadcastChannel would let them sync around the server.
		disableBc: true,
		maxBackoffTime: options.maxBackoffTime ?? 300
	});
	const denied: string[] = [];
	const closeCodes: number[] = [];
	provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
		authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => denied.push(reason));
	};
	provider.on('connection-close', (event) => {
		if (event) closeCodes.push(event.code);
	});
	return {
		doc,
		provider,
		denied,
		closeCodes,
		synced: () =>
			provider.synced
				? Promise.resolve()
				: new Promise((resolve) => provider.once('sync', (state) => state && resolve())),
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** A plain WebSocket to the sync endpoint, for frames no well-behaved client sends. */
export type RawClient = {
	socket: WebSocket;
	/** Binary messages received so far. */
	messages: Uint8Array[];
	/** Resolves with the close code once the socket closes. */
	closed: Promise<number>;
	/** Resolves with 'message' when the first message arrives, or 'closed' if the socket closes first. */
	firstEvent: Promise<'message' | 'closed'>;
};

/** Opens a raw socket to `room`; resolves once it is open. */
export async function openRawClient(
	target: ClientTarget,
	room: string,
	token: string,
	options: { maxPayload?: number; cookieName?: string } = {}
): Promise<RawClient> {
	const socket = new WebSocket(`${target.url}/${room}`, {
		headers: browserHeaders(target.origin, token, options.cookieName),
		maxPayload: options.maxPayload
	});
	const messages: Uint8Array[] = [];
	socket.on('message', (data, isBinary) => {
		if (isBinary && Buffer.isBuffer(data)) messages.push(new Uint8Array(data));
	});
	socket.on('error', () => {});
	const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
	const firstEvent = Promise.race([
		once(socket, 'message').then(() => 'message' as const),
		closed.then(() => 'closed' as const)
	]);
	await once(socket, 'open');
	return { socket, messages, closed, firstEvent };
}

/** The HTTP status an upgrade to `room` is refused with, or 101 when it is accepted. */
export function upgradeStatus(
	target: ClientTarget,
	room: string,
	headers: Record<string, string>
): Promise<number> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(`${target.url}/${room}`, { headers });
		socket.on('unexpected-response', (_request, response) => {
			resolve(response.statusCode ?? 0);
			socket.terminate();
		});
		socket.on('open', () => {
			resolve(101);
			socket.close();
		});
		socket.on('error', (error) => reject(error));
	});
}
