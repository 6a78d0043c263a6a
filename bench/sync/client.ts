// Load-generator clients. A light client keeps only a tiny Y.Doc of its own to produce real
// updates and never integrates what it receives (bulk load); a full client applies everything to
// its Y.Doc, so its latency includes the client's own apply (what a user would see).
import { once } from 'node:events';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { DeliveryLedger, Samples } from './metrics';
import {
	awarenessMessage,
	awarenessSendTimes,
	encodeAwarenessState,
	openingMessages,
	readServerMessage,
	syncMessage,
	type Framing
} from './protocol';

/** Where a client connects and how it measures. */
export type ClientOptions = {
	url: string;
	room: string;
	framing: Framing;
	headers: Record<string, string>;
	/** Apply received updates to the document (full client) or only account for them (light client). */
	full: boolean;
	ledger: DeliveryLedger;
	/** Update latencies seen by this kind of client. */
	latency: Samples;
	/** Awareness (cursor) latencies. */
	awarenessLatency?: Samples;
	/** Only measurements taken while this is true count (excludes warm-up). */
	measuring: () => boolean;
};

/** Key of an update in the ledger: its first client and clock. */
function updateKeys(update: Uint8Array): string[] {
	const keys: string[] = [];
	Y.parseUpdateMeta(update).from.forEach((clock, client) => keys.push(`${client}:${clock}`));
	return keys;
}

/** One connection of the load generator. */
export class BenchClient {
	readonly doc = new Y.Doc();
	readonly socket: WebSocket;
	#synced: Promise<void>;
	#seq = 0;
	#awarenessClock = 0;
	readonly #options: ClientOptions;

	private constructor(options: ClientOptions) {
		this.#options = options;
		this.socket = new WebSocket(options.url, {
			headers: options.headers,
			perMessageDeflate: false
		});
		this.socket.binaryType = 'nodebuffer';
		this.socket.on('error', () => {});
		let markSynced = () => {};
		this.#synced = new Promise((resolve) => (markSynced = resolve));
		this.socket.on('message', (data: Buffer) =>
			this.#receive(new Uint8Array(data.buffer, data.byteOffset, data.length), markSynced)
		);
	}

	/** Opens a client and resolves once it has synced with the server. */
	static async connect(options: ClientOptions, timeoutMs = 30_000): Promise<BenchClient> {
		const client = new BenchClient(options);
		const failed = once(client.socket, 'close').then(([code]) => {
			throw new Error(`closed with ${String(code)} before sync`);
		});
		const timer = new Promise<never>((_, reject) =>
			setTimeout(() => reject(new Error('sync timed out')), timeoutMs).unref()
		);
		await Promise.race([once(client.socket, 'open'), failed, timer]);
		const { framing, room } = options;
		for (const message of openingMessages(framing, room)) client.socket.send(message);
		client.socket.send(syncMessage(framing, room, 0, Y.encodeStateVector(client.doc)));
		await Promise.race([client.#synced, failed, timer]);
		failed.catch(() => {});
		return client;
	}

	#receive(data: Uint8Array, markSynced: () => void): void {
		const { framing, room, full } = this.#options;
		const message = readServerMessage(framing, data);
		switch (message.type) {
			case 'sync-step-1':
				this.socket.send(
					syncMessage(framing, room, 1, Y.encodeStateAsUpdate(this.doc, message.payload))
				);
				return;
			case 'sync-step-2':
				if (full) Y.applyUpdate(this.doc, message.payload, this);
				markSynced();
				return;
			case 'update': {
				if (full) Y.applyUpdate(this.doc, message.payload, this);
				const now = performance.now();
				for (const key of updateKeys(message.payload)) {
					if (key.startsWith(`${this.doc.clientID}:`)) continue;
					const latency = this.#options.ledger.receive(key, now);
					if (latency !== null && this.#options.measuring()) this.#options.latency.add(latency);
				}
				return;
			}
			case 'awareness': {
				const samples = this.#options.awarenessLatency;
				if (!samples || !this.#options.measuring()) return;
				const now = performance.now();
				for (const sentAt of awarenessSendTimes(message.payload, this.doc.clientID))
					samples.add(now - sentAt);
				return;
			}
		}
	}

	/** Makes a small edit and sends it; `recipients` other clients should receive it. */
	sendUpdate(recipients: number): void {
		const before = Y.encodeStateVector(this.doc);
		this.doc.getMap('entries').set(`${this.doc.clientID}-${this.#seq++}`, this.#seq);
		const update = Y.encodeStateAsUpdate(this.doc, before);
		const { ledger, framing, room, measuring } = this.#options;
		const sentAt = performance.now();
		ledger.sentBytes += update.length;
		for (const key of updateKeys(update)) {
			if (measuring()) ledger.sentUpdate(key, sentAt, recipients);
			else ledger.sentUpdate(key, sentAt, 0);
		}
		this.socket.send(syncMessage(framing, room, 2, update));
	}

	/** Sends a cursor position stamped with the send time. */
	sendCursor(): void {
		const state = { cursor: { x: this.#awarenessClock % 800, y: 40 }, t: performance.now() };
		const update = encodeAwarenessState(this.doc.clientID, ++this.#awarenessClock, state);
		this.socket.send(awarenessMessage(this.#options.framing, this.#options.room, update));
	}

	/** Closes the socket and waits for it to close. */
	async close(): Promise<void> {
		if (this.socket.readyState === WebSocket.CLOSED) return;
		const closed = once(this.socket, 'close');
		this.socket.close();
		await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
		this.socket.terminate();
	}
}
