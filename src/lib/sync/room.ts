// Room names say which workspace and which object a Yjs document belongs to:
// `ws.<workspaceId>.<kind>.<objectId>`, e.g. `ws.6f1c…e2.board.0a9b…41`. The name is also the
// document's storage key, so it has exactly one spelling: lowercase UUIDs, lowercase kind.

/** Where a room's document belongs: its workspace, the kind of object, and the object. */
export type RoomAddress = {
	/** Workspace the object lives in; only its members may join the room. */
	workspaceId: string;
	/** Kind of object (`board`, `draft`, …); decides which policy authorizes the room. */
	kind: string;
	/** The object's id within its kind. */
	objectId: string;
};

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const KIND = '[a-z][a-z0-9-]{0,31}';
const ROOM_NAME = new RegExp(`^ws\\.(${UUID})\\.(${KIND})\\.(${UUID})$`);
const UUID_ONLY = new RegExp(`^${UUID}$`);
const KIND_ONLY = new RegExp(`^${KIND}$`);

/** True when `kind` may be used in a room name: a lowercase word of at most 32 characters. */
export function isRoomKind(kind: string): boolean {
	return KIND_ONLY.test(kind);
}

/** The room name of an object; throws on an id or kind that could not be parsed back. */
export function buildRoomName(address: RoomAddress): string {
	if (!UUID_ONLY.test(address.workspaceId))
		throw new TypeError('workspaceId must be a lowercase UUID');
	if (!isRoomKind(address.kind)) throw new TypeError(`invalid room kind: ${address.kind}`);
	if (!UUID_ONLY.test(address.objectId)) throw new TypeError('objectId must be a lowercase UUID');
	return `ws.${address.workspaceId}.${address.kind}.${address.objectId}`;
}

/** The address a room name encodes, or null when the name is not exactly in the canonical form. */
export function parseRoomName(name: string): RoomAddress | null {
	const match = ROOM_NAME.exec(name);
	if (!match) return null;
	const [, workspaceId, kind, objectId] = match;
	return { workspaceId, kind, objectId };
}

/** Prefix shared by every room of a workspace, or of one kind in it (for reauthorizing many rooms at once). */
export function roomNamePrefix(workspaceId: string, kind?: string): string {
	if (!UUID_ONLY.test(workspaceId)) throw new TypeError('workspaceId must be a lowercase UUID');
	if (kind === undefined) return `ws.${workspaceId}.`;
	if (!isRoomKind(kind)) throw new TypeError(`invalid room kind: ${kind}`);
	return `ws.${workspaceId}.${kind}.`;
}
