import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { openMailLink } from '$lib/server/mail/links';
import type { PageServerLoad } from './$types';

/**
 * A one-click link from an announcement or reminder: signs its person in and opens the definition,
 * where acknowledging is still their own click. A used or expired link says so.
 */
export const load: PageServerLoad = async ({ params, cookies, url, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const opened = await openMailLink(db, params.token);
	if (opened) {
		setSessionCookie(cookies, url, opened.session.token, opened.session.expiresAt);
		redirect(303, `/w/${opened.workspaceId}/definition`);
	}
	return { signedIn: Boolean(locals.user) };
};
