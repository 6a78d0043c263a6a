import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession } from '$lib/server/auth/session';
import { rooms } from '$lib/server/ports';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.sessionToken) await invalidateSession(db, locals.sessionToken);
		// Documents still open in other tabs of this browser stop syncing with the ended session.
		if (locals.user) await rooms.reauthorizeUser(locals.user.id);
		clearSessionCookie(cookies, url);
		// The sign-in page then deletes this browser's local copies of documents.
		redirect(303, '/signin?signedOut=1');
	}
};
