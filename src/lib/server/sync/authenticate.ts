// Who is connecting: the session cookie of the upgrade request, validated like any page request,
// or else the guest cookie of a session guest, resolved by the hook the app provides.
import type { IncomingMessage } from 'node:http';
import type { Db } from '../db';
import { SESSION_COOKIE } from '../auth/cookies';
import { validateSessionToken, type SessionUser } from '../auth/session';
import type { RoomGuest } from './kinds';

/** A session guest as the sync server sees them: a user stand-in (id = participant id) and their place. */
export type AuthenticatedGuest = { user: SessionUser; guest: RoomGuest };

/** Who a connection is, with the cookie token to check that again when access is reauthorized. */
export type SyncIdentity = {
	/** The signed-in user, or a guest's stand-in. */
	user: SessionUser;
	/** Set exactly when the connection was authenticated by the guest cookie. */
	guest: RoomGuest | null;
	/** The session token, or for a guest the guest token. */
	token: string;
};

/** The session token in the request's Cookie header, or null. */
export function readSessionToken(
	request: IncomingMessage,
	cookieName = SESSION_COOKIE
): string | null {
	return readCookie(request, cookieName);
}

/** The value of cookie `name` in the request's Cookie header, or null when absent or empty. */
export function readCookie(request: IncomingMessage, name: string): string | null {
	const header = request.headers.cookie;
	if (!header) return null;
	for (const part of header.split(';')) {
		const separator = part.indexOf('=');
		if (separator < 0) continue;
		if (part.slice(0, separator).trim() !== name) continue;
		const value = part.slice(separator + 1).trim();
		return value.length > 0 ? value : null;
	}
	return null;
}

/** The user a session token belongs to, or null when it is unknown or expired. */
export async function authenticateToken({
	db,
	token
}: {
	db: Db;
	token: string;
}): Promise<SessionUser | null> {
	const session = await validateSessionToken(db, token);
	return session?.user ?? null;
}

/**
 * True when the upgrade comes from the app's own pages. With a configured public origin the
 * Origin header must equal it; without one, its host must equal the Host the request was sent to.
 * A missing Origin is refused: browsers always send it on WebSocket handshakes.
 */
export function isAllowedOrigin(
	request: IncomingMessage,
	publicOrigin: string | undefined
): boolean {
	const header = request.headers.origin;
	if (!header) return false;
	let origin: URL;
	try {
		origin = new URL(header);
	} catch {
		return false;
	}
	if (publicOrigin) {
		try {
			return origin.origin === new URL(publicOrigin).origin;
		} catch {
			return false;
		}
	}
	return origin.host === request.headers.host;
}
