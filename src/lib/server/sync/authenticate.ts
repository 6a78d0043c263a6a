// Who is connecting: the session cookie of the upgrade request, validated like any page request.
import type { IncomingMessage } from 'node:http';
import type { Db } from '../db';
import { SESSION_COOKIE } from '../auth/cookies';
import { validateSessionToken, type SessionUser } from '../auth/session';

/** The session token in the request's Cookie header, or null. */
export function readSessionToken(
	request: IncomingMessage,
	cookieName = SESSION_COOKIE
): string | null {
	const header = request.headers.cookie;
	if (!header) return null;
	for (const part of header.split(';')) {
		const separator = part.indexOf('=');
		if (separator < 0) continue;
		if (part.slice(0, separator).trim() !== cookieName) continue;
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
