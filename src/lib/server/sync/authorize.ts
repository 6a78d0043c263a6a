// Authorize a room in one place: workspace membership first, then the kind's policy, then locks.
import type { RoomAddress } from '$lib/sync/room';
import type { Membership } from '$lib/workspaces/membership';
import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import type { RoomAccess, RoomGuest, RoomKindRegistry } from './kinds';

/** The user's active membership of a workspace, or null; the workspaces area answers it. */
export type FindMembership = (input: {
	db: Db;
	userId: string;
	workspaceId: string;
}) => Promise<Membership | null>;

/** Input of the authorize-room hook. */
export type AuthorizeRoomInput = {
	/** Database of the app. */
	db: Db;
	/** Registered room kinds. */
	kinds: RoomKindRegistry;
	/** Looks up the user's membership of the room's workspace. */
	findMembership: FindMembership;
	/** The signed-in user, or a guest's stand-in (id = participant id). */
	user: SessionUser;
	/** Set when a session guest connects; guests skip the membership check and face the policy alone. */
	guest?: RoomGuest | null;
	/** What the room name encodes. */
	address: RoomAddress;
	/** The room name. */
	roomName: string;
};

/**
 * Access to a room: null unless the kind's policy allows it, and for a user, unless they are a
 * member of its workspace. A guest has no membership; the policy admits them or not.
 */
export async function authorizeRoom({
	db,
	kinds,
	findMembership,
	user,
	guest = null,
	address,
	roomName
}: AuthorizeRoomInput): Promise<RoomAccess | null> {
	const policy = kinds.get(address.kind);
	if (!policy) return null;
	if (guest) return policy.authorize({ db, user, membership: null, guest, address, roomName });
	const membership = await findMembership({
		db,
		userId: user.id,
		workspaceId: address.workspaceId
	});
	if (!membership) return null;
	return policy.authorize({ db, user, membership, guest: null, address, roomName });
}

/** Room names and prefixes that are locked: read-only for everyone, whatever their policy says. */
export class RoomLocks {
	#targets = new Set<string>();

	/** Locks or unlocks a room name or a prefix of room names. */
	set(target: string, locked: boolean): void {
		if (locked) this.#targets.add(target);
		else this.#targets.delete(target);
	}

	/** True when `roomName` or a prefix of it is locked. */
	isLocked(roomName: string): boolean {
		for (const target of this.#targets) if (roomName.startsWith(target)) return true;
		return false;
	}

	/** `access`, capped at read when the room is locked. */
	apply(roomName: string, access: RoomAccess | null): RoomAccess | null {
		return access === 'write' && this.isLocked(roomName) ? 'read' : access;
	}
}
