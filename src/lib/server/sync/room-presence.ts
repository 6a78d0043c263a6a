// Awareness of one room, kept by the server rather than by y-protocols' Awareness, because the
// server must decide whose states are whose. Each connection owns the client ids it announced
// first; entries for ids owned by another connection are dropped; every state gets `user` stamped
// from the session user. Relayed entries carry a server clock (time-based, so it only grows, even
// across restarts), so a reconnecting client's unchanged state is not ignored by its peers as stale.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { PresenceUser } from '$lib/sync/presence';

/** A connection as presence sees it: who it is and which client ids it owns. */
export type PresenceOwner = {
	/** The session user whose name and colour are stamped. */
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
export type PresenceLimits = { maxClientIdsPerConnection: number; maxAwarenessStateBytes: number };

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

/** Decodes an awareness update into entries with parsed states; null when malformed. */
export function decodeAwarenessEntries(
	update: Uint8Array
): { clientId: number; clock: number; state: unknown }[] | null {
	try {
		const decoder = decoding.createDecoder(update);
		const count = decoding.readVarUint(decoder);
		const entries = [];
		for (let i = 0; i < count; i++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			const state: unknown = JSON.parse(decoding.readVarString(decoder));
			entries.push({ clientId, clock, state });
		}
		return decoding.hasContent(decoder) ? null : entries;
	} catch {
		return null;
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Presence states of one room and who owns them. */
export class RoomPresence {
	#states = new Map<number, { json: string; clock: number; owner: PresenceOwner }>();
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
	 * not decode, null when no entry survives, else what to relay and echo.
	 */
	admit(update: Uint8Array, owner: PresenceOwner): AdmittedAwareness | null | 'malformed' {
		const entries = decodeAwarenessEntries(update);
		if (!entries) return 'malformed';
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
				if (Buffer.byteLength(json) > this.#limits.maxAwarenessStateBytes) continue;
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

	/** All present states but those of `asker` (its client keeps its own), or null when there are none. */
	snapshot(asker?: PresenceOwner): Uint8Array | null {
		const entries: Entry[] = [];
		for (const [clientId, { json, clock, owner }] of this.#states) {
			if (owner !== asker) entries.push({ clientId, clock, json });
		}
		return entries.length > 0 ? encodeEntries(entries) : null;
	}
}
