// The bus over Redis (node-redis): one connection publishes and keeps the shared keys, one listens.
// Both reconnect on their own with back-off; a command sent while Redis is away fails at once
// instead of piling up in memory, and whoever sent it decides what to do (see ./room-relay.ts).
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import type { Bus, BusListener } from './bus';

/** What the Redis bus is configured with (from the environment, see ./index.ts). */
export type RedisBusOptions = {
	/** redis:// URL. */
	url: string;
	/** Put before every channel and key, so that several apps (or test runs) share one Redis. */
	prefix: string;
	/** Where connection trouble is reported (once per outage). */
	log: { warn(message: string, error?: unknown): void };
	/** How long start-up waits for Redis before it gives up. */
	connectTimeoutMs: number;
};

/** Longest wait between reconnection attempts. */
const MAX_RECONNECT_DELAY_MS = 2_000;

function clientFor(url: string) {
	return createClient({
		url,
		disableOfflineQueue: true,
		socket: {
			connectTimeout: 5_000,
			reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS)
		}
	});
}

/** The URL without its password, for messages. */
function shownUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'the REDIS_URL given';
	}
}

/**
 * Connects to Redis; resolves once both connections are ready, and fails with a clear error when
 * Redis does not answer within `connectTimeoutMs` (an orchestrator then restarts the instance).
 */
export async function connectRedisBus(options: RedisBusOptions): Promise<Bus> {
	const bus = new RedisBus(options);
	let timer: NodeJS.Timeout | undefined;
	const gaveUp = new Promise<never>((_, fail) => {
		timer = setTimeout(
			() =>
				fail(
					new Error(
						`Redis at ${shownUrl(options.url)} did not answer within ${options.connectTimeoutMs / 1000} s ` +
							'(REDIS_CONNECT_TIMEOUT_MS); an instance without it would not see the other instances’ edits'
					)
				),
			options.connectTimeoutMs
		);
	});
	try {
		await Promise.race([bus.connect(), gaveUp]);
		return bus;
	} catch (error) {
		await bus.close();
		throw error;
	} finally {
		clearTimeout(timer);
	}
}

class RedisBus implements Bus {
	readonly instanceId = randomUUID();
	readonly #tag: Buffer;
	readonly #prefix: string;
	readonly #commands: ReturnType<typeof clientFor>;
	readonly #listener: ReturnType<typeof clientFor>;
	readonly #listeners = new Map<string, BusListener>();
	readonly #onReconnect = new Set<() => void>();
	readonly #log: RedisBusOptions['log'];

	constructor({ url, prefix, log }: RedisBusOptions) {
		this.#prefix = prefix;
		this.#log = log;
		this.#tag = Buffer.from(this.instanceId, 'latin1');
		this.#commands = clientFor(url);
		this.#listener = clientFor(url);
		this.#watch(this.#commands, 'commands');
		this.#watch(this.#listener, 'listener');
	}

	#watch(client: ReturnType<typeof clientFor>, name: string): void {
		let readyOnce = false;
		let down = false;
		client.on('error', (error: unknown) => {
			if (down) return;
			down = true;
			this.#log.warn(`redis ${name} connection lost; reconnecting`, error);
		});
		client.on('ready', () => {
			down = false;
			// node-redis subscribes again before it reports ready.
			if (readyOnce) for (const run of this.#onReconnect) run();
			readyOnce = true;
		});
	}

	async connect(): Promise<void> {
		await Promise.all([this.#commands.connect(), this.#listener.connect()]);
	}

	publish(channel: string, message: Uint8Array): Promise<number> {
		const framed = Buffer.allocUnsafe(1 + this.#tag.length + message.length);
		framed[0] = this.#tag.length;
		this.#tag.copy(framed, 1);
		framed.set(message, 1 + this.#tag.length);
		return this.#commands.publish(this.#prefix + channel, framed);
	}

	async subscribe(channel: string, listener: BusListener): Promise<void> {
		const name = this.#prefix + channel;
		const already = this.#listeners.has(name);
		this.#listeners.set(name, listener);
		if (already) return;
		await this.#listener.subscribe(
			name,
			(framed: Buffer) => {
				const tagLength = framed[0];
				if (framed.length < 1 + tagLength) return;
				const from = framed.toString('latin1', 1, 1 + tagLength);
				if (from === this.instanceId) return;
				this.#listeners.get(name)?.(framed.subarray(1 + tagLength), from);
			},
			true
		);
	}

	unsubscribe(channel: string): void {
		const name = this.#prefix + channel;
		if (!this.#listeners.delete(name)) return;
		this.#listener.unsubscribe(name).catch(() => {
			// Gone with the connection; it does not subscribe again to what was dropped.
		});
	}

	onReconnect(run: () => void): () => void {
		this.#onReconnect.add(run);
		return () => this.#onReconnect.delete(run);
	}

	async setMember(key: string, member: string, expiresAt: number): Promise<void> {
		const name = this.#prefix + key;
		await this.#commands.zAdd(name, { score: expiresAt, value: member });
		await this.#commands.zRemRangeByScore(name, 0, Date.now());
		await this.#commands.pExpireAt(name, expiresAt);
	}

	async removeMember(key: string, member: string): Promise<void> {
		await this.#commands.zRem(this.#prefix + key, member);
	}

	members(key: string): Promise<string[]> {
		return this.#commands.zRangeByScore(this.#prefix + key, Date.now(), '+inf');
	}

	async ping(): Promise<boolean> {
		try {
			return (await this.#commands.ping()) === 'PONG';
		} catch {
			return false;
		}
	}

	async close(): Promise<void> {
		this.#listeners.clear();
		this.#onReconnect.clear();
		await Promise.allSettled([this.#commands.close(), this.#listener.close()]);
	}
}
