import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { claimDatabaseFolder, db, migrateDatabase } from '$lib/server/db';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '$lib/server/auth/cookies';
import { validateSessionToken } from '$lib/server/auth/session';
import { GUEST_COOKIE, resolveGuest } from '$lib/server/sessions/guests';
import { getSyncServer } from '$lib/server/sync';

export const init: ServerInit = async () => {
	// Refuses to serve an embedded database another process (the demo seeder) is writing.
	claimDatabaseFolder();
	await migrateDatabase();
	// Creates the sync server and registers it on globalThis[Symbol.for('focusboard.sync')] for server.js.
	getSyncServer();
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE) ?? null;
	event.locals.user = null;
	event.locals.sessionToken = null;
	event.locals.guest = null;
	const guestToken = event.cookies.get(GUEST_COOKIE);
	if (guestToken) event.locals.guest = await resolveGuest(db, guestToken);
	if (token) {
		const session = await validateSessionToken(db, token);
		if (session) {
			event.locals.user = session.user;
			event.locals.sessionToken = token;
			if (session.renewed) setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} else {
			clearSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

/**
 * The policy of responses SvelteKit does not render as a page (endpoints: CSV, JSON, SVG and PNG
 * exports, photos; redirects; its fallback error page): nothing runs, nothing loads but inline
 * styles and this origin's images, and the document is sandboxed. Pages get theirs from `kit.csp`
 * in svelte.config.js.
 */
const NON_PAGE_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!response.headers.has('Content-Security-Policy'))
		response.headers.set('Content-Security-Policy', NON_PAGE_CSP);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

export const handle = sequence(handleSecurityHeaders, handleSession, handleLocale);

export const handleError: HandleServerError = ({ error, status }) => {
	// A 4xx here (a body over the limit, a page that does not exist) is the request's fault: only
	// the server's own failures are logged.
	if (status >= 500) console.error(error);
	if (status === 404) return { message: 'Not found' };
	return { message: status < 500 ? 'Request refused' : 'Internal error' };
};
