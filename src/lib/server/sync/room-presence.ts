// Awareness of one room, kept by the server rather than by y-protocols' Awareness, because the
// server must decide whose states are whose. Each connection owns the client ids it announced
// first; entries for ids owned by another connection are dropped; every state gets `user` stamped
// from the session user. Relayed entries carry a server clock (time-based, so it only grows, even
// across restarts), so a reconnecting client's unchanged state is not ignored by its peers as stale.
// A state is bounded in bytes, nesting and number of values, checked on its text before it is
// parsed; a state beyond them closes its sender (100,000 levels once overflowed the stack here).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { PresenceUser } from '$lib/sync/presence';

/** A connection as presence sees it: who it is and which client ids it owns. */
export type PresenceOwner = {
	/** The session user whose name and color are stamped. */
	readonly presenceUser: PresenceUser;
	/** Client ids this connection announced first. */
	readonly clientIds: Set<number>;
};

type Entry = { clientId: number; clock: number; json: string };

/** What an accepted awareness message turns into. */
export type AdmittedAwareness = {
	/** The entries to relay to the other connections (server clocks). */
	forPeers: Uint8Array;
	/** The same entries with the sender's own clocks, echoed so its client sees traffic (and ignores it). */
	forSender: Uint8Array;
};

/** Limits on what one connection may announce. */
export type PresenceLimits = {
	maxClientIdsPerConnection: number;
	maxAwarenessStateBytes: number;
	maxAwarenessDepth: number;
	maxAwarenessValues: number;
};

function encodeEntries(entries: Entry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, entry.json);
	}
	return encoding.toUint8Array(encoder);
}

/** An awareness entry as sent: its state still the client's JSON text, not parsed. */
type RawEntry = { clientId: number; clock: number; json: string };

/** Decodes the framing of an awareness update, leaving states unparsed; null when malformed. */
function decodeRawEntries(update: Uint8Array): RawEntry[] | null {
	try {
		const decoder = decoding.createDecoder(update);
		const count = decoding.readVarUint(decoder);
		const entries: RawEntry[] = [];
		for (let i = 0; i < count; i++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			entries.push({ clientId, clock, json: decoding.readVarString(decoder) });
		}
		return decoding.hasContent(decoder) ? null : entries;
	} catch {
		return null;
	}
}

/** Why an awareness state was refused: not JSON, or JSON beyond the limits. */
export type StateRefusal = 'malformed' | 'out-of-bounds';

/** Deepest nesting of `{` and `[` in JSON text, outside strings; stops counting past `limit`. */
function nestingDepth(json: string, limit: number): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let i = 0; i < json.length; i++) {
		const char = json.charCodeAt(i);
		if (inString) {
			if (char === 0x5c) i++;
			else if (char === 0x22) inString = false;
		} else if (char === 0x22) inString = true;
		else if (char === 0x7b || char === 0x5b) {
			depth++;
			if (depth > deepest) deepest = depth;
			if (deepest > limit) return deepest;
		} else if (char === 0x7d || char === 0x5d) depth--;
	}
	return deepest;
}

/** Number of values in a parsed JSON value, walked without recursion; stops counting past `limit`. */
function countValues(root: unknown, limit: number): number {
	const stack: unknown[] = [root];
	let count = 0;
	while (stack.length > 0 && count <= limit) {
		const value = stack.pop();
		count++;
		if (Array.isArray(value)) stack.push(...(value as unknown[]));
		else if (typeof value === 'object' && value !== null)
			stack.push(...Object.values(value as Record<string, unknown>));
	}
	return count;
}

/**
 * Parses one awareness state within `limits`. The size and nesting are checked on the text before
 * it is parsed, so nothing downstream (the spread and `JSON.stringify` in `admit`, the clients'
 * parsers) ever meets a state deeper or larger than the limits.
 */
export function parseAwarenessState(
	json: string,
	limits: PresenceLimits
): { state: unknown } | StateRefusal {
	// A string's length in UTF-16 units never exceeds its length in UTF-8 bytes.
	if (json.length > limits.maxAwarenessStateBytes) return 'out-of-bounds';
	if (Buffer.byteLength(json) > limits.maxAwarenessStateBytes) return 'out-of-bounds';
	if (nestingDepth(json, limits.maxAwarenessDepth) > limits.maxAwarenessDepth)
		return 'out-of-bounds';
	let state: unknown;
	try {
		state = JSON.parse(json);
	} catch {
		return 'malformed';
	}
	if (countValues(state, limits.maxAwarenessValues) > limits.maxAwarenessValues)
		return 'out-of-bounds';
	return { state };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Clocks the server stamps are milliseconds since 1970 (`#nextClock`), far above any clock a client
 * counts to itself (it starts at 0 and adds one per change of its own state). An entry with such
 * a clock for an id nobody owns is a stock client echoing a peer that just left: it claims nothing.
 */
function isServerClock(clock: number): boolean {
	return clock >= 2 ** 40;
}

/**
 * States held on another instance are forgotten after this long without news: a client renews its
 * state every 15 s, and an instance that died sends no removals.
 */
const REMOTE_STATE_MS = 35_000;

/** Presence states of one room and who owns them. */
export class RoomPresence {
	#states = new Map<number, { json: string; clock: number; owner: PresenceOwner }>();
	/** States of connections on other instances, as they relayed them. */
	#remote = new Map<number, { json: string; clock: number; at: number }>();
	#owners = new Map<number, PresenceOwner>();
	#lastClock = 0;
	#limits: PresenceLimits;

	constructor(limits: PresenceLimits) {
		this.#limits = limits;
	}

	#nextClock(): number {
		this.#lastClock = Math.max(this.#lastClock + 1, Date.now());
		return this.#lastClock;
	}

	/** Number of states present. */
	get size(): number {
		return this.#states.size;
	}

	/**
	 * Filters and stamps an awareness update from `owner`. Returns 'malformed' for bytes that do
	 * not decode and 'out-of-bounds' when one of the sender's own states is beyond the limits
	 * (nothing of the update is taken then), null when no entry survives, else what to relay and echo.
	 * States of client ids owned by another connection, and server-clocked states of ids nobody
	 * owns (a stock client echoes its peers', also of peers that just left), are skipped unparsed.
	 */
	admit(update: Uint8Array, owner: PresenceOwner): AdmittedAwareness | null | StateRefusal {
		const raw = decodeRawEntries(update);
		if (!raw) return 'malformed';
		const entries: { clientId: number; clock: number; state: unknown }[] = [];
		for (const { clientId, clock, json } of raw) {
			const current = this.#owners.get(clientId);
			if (current ? current !== owner : isServerClock(clock)) continue;
			const parsed = parseAwarenessState(json, this.#limits);
			if (typeof parsed === 'string') return parsed;
			entries.push({ clientId, clock, state: parsed.state });
		}
		const forPeers: Entry[] = [];
		const forSender: Entry[] = [];
		for (const { clientId, clock, state } of entries) {
			const current = this.#owners.get(clientId);
			if (current && current !== owner) continue;
			if (!current) {
				if (state === null || owner.clientIds.size >= this.#limits.maxClientIdsPerConnection)
					continue;
				this.#owners.set(clientId, owner);
				owner.clientIds.add(clientId);
			}
			let json = 'null';
			if (state !== null) {
				if (!isPlainObject(state)) continue;
				json = JSON.stringify({ ...state, user: owner.presenceUser });
			} else if (!this.#states.has(clientId)) continue;
			const serverClock = this.#nextClock();
			if (state === null) this.#states.delete(clientId);
			else this.#states.set(clientId, { json, clock: serverClock, owner });
			forPeers.push({ clientId, clock: serverClock, json });
			forSender.push({ clientId, clock, json });
		}
		if (forPeers.length === 0) return null;
		return { forPeers: encodeEntries(forPeers), forSender: encodeEntries(forSender) };
	}

	/** Removes every state and id `owner` holds; returns the removal to relay, or null if it had none. */
	release(owner: PresenceOwner): Uint8Array | null {
		const removed: Entry[] = [];
		for (const clientId of owner.clientIds) {
			this.#owners.delete(clientId);
			if (this.#states.delete(clientId))
				removed.push({ clientId, clock: this.#nextClock(), json: 'null' });
		}
		owner.clientIds.clear();
		return removed.length > 0 ? encodeEntries(removed) : null;
	}

	/**
	 * Takes an awareness update another instance admitted; returns the entries to send to this
	 * instance's connections (those for client ids owned here are dropped), or null for none.
	 */
	noteRemote(update: Uint8Array): Uint8Array | null {
		const raw = decodeRawEntries(update);
		if (!raw) return null;
		const now = Date.now();
		const kept: Entry[] = [];
		for (const entry of raw) {
			if (this.#owners.has(entry.clientId)) continue;
			if (entry.json === 'null') this.#remote.delete(entry.clientId);
			else this.#remote.set(entry.clientId, { json: entry.json, clock: entry.clock, at: now });
			kept.push(entry);
		}
		return kept.length > 0 ? encodeEntries(kept) : null;
	}

	/**
	 * All present states but those of `asker` (its client keeps its own), or null when there are
	 * none; with `remote: false`, only those of this instance's connections.
	 */
	snapshot(asker?: PresenceOwner, { remote = true } = {}): Uint8Array | null {
		const entries: Entry[] = [];
		for (const [clientId, { json, clock, owner }] of this.#states) {
			if (owner !== asker) entries.push({ clientId, clock, json });
		}
		const now = Date.now();
		if (remote)
			for (const [clientId, { json, clock, at }] of this.#remote) {
				if (now - at > REMOTE_STATE_MS || this.#owners.has(clientId)) this.#remote.delete(clientId);
				else entries.push({ clientId, clock, json });
			}
		return entries.length > 0 ? encodeEntries(entries) : null;
	}
}
