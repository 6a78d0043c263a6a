// Presence is what awareness carries about a person. The server stamps `user` on every awareness
// state from the signed-in user, so what peers show never comes from the client.

/** Who a presence state belongs to, as stamped by the server. */
export type PresenceUser = {
	/** User id. */
	id: string;
	/** Display name. */
	name: string;
	/** Color of the avatar and cursor, derived from the user id. */
	color: string;
};

/** A person in a room: one entry per connected client (a user with two tabs appears twice). */
export type Peer = PresenceUser & {
	/** Yjs client id of the awareness state. */
	clientId: number;
};

// Colors that carry white initials (at least 4.5:1, WCAG AA for small text) and read on light
// and dark backgrounds.
const PALETTE = [
	'#c2410c',
	'#c2255c',
	'#9c36b5',
	'#6741d9',
	'#3b5bdb',
	'#1971c2',
	'#0b7285',
	'#087f5b',
	'#2f7d32',
	'#537d0d',
	'#b35900',
	'#4263eb'
];

/** The color of a user: the same on every server, in every room, for every session. */
export function userColor(userId: string): string {
	// FNV-1a over the id's UTF-16 code units.
	let hash = 0x811c9dc5;
	for (let i = 0; i < userId.length; i++) {
		hash ^= userId.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return PALETTE[hash % PALETTE.length];
}

/** The stamped user of an awareness state, or null when it has none (or a malformed one). */
export function readPresenceUser(state: unknown): PresenceUser | null {
	if (typeof state !== 'object' || state === null || !('user' in state)) return null;
	const user = state.user;
	if (typeof user !== 'object' || user === null) return null;
	if (!('id' in user) || !('name' in user) || !('color' in user)) return null;
	const { id, name, color } = user;
	if (typeof id !== 'string' || typeof name !== 'string' || typeof color !== 'string') return null;
	return { id, name, color };
}
