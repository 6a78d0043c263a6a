// A client that keeps writing new keys into a map of its document and notes every key the server
// sends back: the edit storm of the durability tests. A key any client received was stored before
// it was sent, so it is acknowledged and must survive whatever happens to the server.
import type { TestClient } from './sync-client';

/** A client writing a new key every few milliseconds while connected. */
export type StormWriter = {
	client: TestClient;
	/** Keys received from the server (written by any client). */
	received: Set<string>;
	/** Keys this writer wrote, in order. */
	written: string[];
	stop(): void;
};

/** Starts writing keys `<label>-<n>` into the map `mapName` of `client`'s document every `everyMs`. */
export function startStormWriter(
	client: TestClient,
	mapName: string,
	label: string,
	everyMs: number
): StormWriter {
	const entries = client.doc.getMap<number>(mapName);
	const received = new Set<string>();
	const written: string[] = [];
	entries.observe((event) => {
		if (event.transaction.origin !== client.provider) return;
		for (const key of event.keysChanged as Set<string>) received.add(key);
	});
	let n = 0;
	// Load generation, not synchronization: well under the server's per-connection rate limit.
	const timer = setInterval(() => {
		if (!client.provider.wsconnected) return;
		const key = `${label}-${n++}`;
		entries.set(key, n);
		written.push(key);
	}, everyMs);
	return { client, received, written, stop: () => clearInterval(timer) };
}

/** Every key any of `writers` received from the server. */
export function acknowledgedKeys(writers: StormWriter[]): Set<string> {
	return new Set(writers.flatMap((writer) => [...writer.received]));
}
