// The bus instances of one app tell each other things through (Redis in ./redis-bus.ts): named
// channels of binary messages, each tagged with the sending instance, plus a few shared keys.
// Delivery is at most once: after a reconnect a listener is told it may have missed messages.

/** Hears a channel's messages (its own instance's are not delivered). */
export type BusListener = (message: Uint8Array, from: string) => void;

/** Messages between the instances sharing one store. */
export type Bus = {
	/** This instance's id, unique per process. */
	readonly instanceId: string;
	/** Sends `message` to every instance listening on `channel`; resolves with how many heard it (this one too). */
	publish(channel: string, message: Uint8Array): Promise<number>;
	/** Listens on `channel`; resolves once subscribed. One listener per channel. */
	subscribe(channel: string, listener: BusListener): Promise<void>;
	/** Stops listening on `channel`. */
	unsubscribe(channel: string): void;
	/** Called after the bus reconnected (messages in between may be lost); returns the undo. */
	onReconnect(run: () => void): () => void;
	/** Adds `member` to a shared set with an expiry time (ms since 1970). */
	setMember(key: string, member: string, expiresAt: number): Promise<void>;
	/** Removes `member` from a shared set. */
	removeMember(key: string, member: string): Promise<void>;
	/** Members of a shared set not expired. */
	members(key: string): Promise<string[]>;
	/** True when the bus answers (for /readyz). */
	ping(): Promise<boolean>;
	/** Disconnects. */
	close(): Promise<void>;
};
