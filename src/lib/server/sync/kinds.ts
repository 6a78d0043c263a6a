// Which kinds of room exist and who may write in them. Each domain area (session boards, drafts,
// portraits, journeys) registers a policy for its kind through the composition root
// (src/lib/server/app.ts); the sync server asks it after checking that the user is a member of
// the room's workspace.
import type * as Y from 'yjs';
import { isRoomKind, type RoomAddress } from '$lib/sync/room';
import type { Membership } from '$lib/workspaces/membership';
import type { Db } from '../db';
import type { SessionUser } from '../auth/session';

/** What a connection may do in a room. */
export type RoomAccess = 'write' | 'read';

/** A guest of one strategy session, connecting with the guest cookie instead of an account. */
export type RoomGuest = { participantId: string; sessionId: string };

/** Everything a policy needs to decide on one connection. */
export type RoomPolicyContext = {
	/** Database to read the object and its state (stage, lock) from. */
	db: Db;
	/** Who connects: the signed-in user, or for a guest their participant id and display name. */
	user: SessionUser;
	/** The user's membership in the room's workspace (checked to exist); null exactly for a guest. */
	membership: Membership | null;
	/** Set for a guest: a policy must only admit a guest to rooms of objects linked to `sessionId`. */
	guest: RoomGuest | null;
	/** What the room name encodes. */
	address: RoomAddress;
	/** The room name itself. */
	roomName: string;
};

/** The shared types a client's update changed, with the keys changed in maps (null for text and arrays). */
export type ChangedTypes = Y.Transaction['changed'];

/**
 * Puts back within bounds what a client's update took out of them (an over-long text, say), or
 * null when nothing is out of bounds. The repair runs at once as a change of the server's own, so
 * it is stored and reaches every client, the sender too.
 */
export type RoomRepair = (doc: Y.Doc, changed: ChangedTypes) => ((doc: Y.Doc) => void) | null;

/** Decides access to the rooms of one kind: write, read-only, or null to refuse. */
export type RoomKindPolicy = {
	/** Access of `ctx.user` to the room, looked up fresh on every call (it is also used to reauthorize). */
	authorize(ctx: RoomPolicyContext): RoomAccess | null | Promise<RoomAccess | null>;
	/** Checked after every client update that changed the document. */
	repair?: RoomRepair;
};

/** Policies by room kind. */
export class RoomKindRegistry {
	#policies = new Map<string, RoomKindPolicy>();

	/** Registers the policy of `kind`; a kind can be registered once. */
	register(kind: string, policy: RoomKindPolicy): void {
		if (!isRoomKind(kind)) throw new TypeError(`invalid room kind: ${kind}`);
		if (this.#policies.has(kind)) throw new Error(`room kind already registered: ${kind}`);
		this.#policies.set(kind, policy);
	}

	/** The policy of `kind`, if registered. */
	get(kind: string): RoomKindPolicy | undefined {
		return this.#policies.get(kind);
	}

	/** Registered kinds, in registration order. */
	kinds(): string[] {
		return [...this.#policies.keys()];
	}
}
