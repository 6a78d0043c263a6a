// How the sync server recognizes a session guest: by the guest cookie, resolved exactly as a page
// request resolves it, turned into the user stand-in and guest place that room policies receive.
import type { DbOrTx } from '../db';
import type { AuthenticatedGuest, SyncConfigOverrides } from '../sync';
import { GUEST_COOKIE, resolveGuest } from './guests';

/** The guest a guest cookie token belongs to, as the sync server sees them; null when it does not resolve. */
export async function authenticateSessionGuest({
	db,
	token
}: {
	db: DbOrTx;
	token: string;
}): Promise<AuthenticatedGuest | null> {
	const guest = await resolveGuest(db, token);
	if (!guest) return null;
	return {
		// Presence (name and color others see) is stamped from this, never from the client.
		user: { id: guest.participantId, name: guest.name, email: '', language: 'en' },
		guest: { participantId: guest.participantId, sessionId: guest.sessionId }
	};
}

/** What the sync server needs to admit session guests: their cookie and how to resolve it. */
export const sessionGuestSync = {
	guestCookie: GUEST_COOKIE,
	hooks: { authenticateGuest: authenticateSessionGuest }
} satisfies SyncConfigOverrides;
