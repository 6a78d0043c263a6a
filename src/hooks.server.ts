import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { startApp } from '$lib/server/app';
import { handleOpsRequest, logger } from '$lib/server/ops';
import { db } from '$lib/server/db';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '$lib/server/auth/cookies';
import { sessionIdOfToken, settleSession, validateSessionToken } from '$lib/server/auth/session';
import { loadWorkspaceRequest } from '$lib/server/auth/workspace-request';
import { READER_PAGE_PATH, readerPages } from '$lib/server/publications/reader-page-cache';
import { GUEST_COOKIE, resolveGuest } from '$lib/server/sessions/guests';

export const init: ServerInit = async () => {
	await startApp();
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** `/w/<uuid>…`: group 1 is the workspace id. */
const WORKSPACE_PATH =
	/^\/w\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i;

/**
 * The signed-in user of the request. On a workspace page the session, the membership, the
 * workspace list and (on the reader pages) the versions with acknowledgements come in one query.
 */
async function signedInUser(event: Parameters<Handle>[0]['event'], token: string) {
	const workspaceId = WORKSPACE_PATH.exec(event.url.pathname)?.[1];
	if (!workspaceId) return validateSessionToken(db, token);
	const sessionId = sessionIdOfToken(token);
	if (!sessionId) return null;
	const withVersions = READER_PAGE_PATH.test(event.url.pathname);
	const request = await loadWorkspaceRequest(db, sessionId, workspaceId, withVersions);
	if (!request) return null;
	const settled = await settleSession(db, sessionId, request.expiresAt);
	if (!settled) return null;
	event.locals.workspaceRequest = request;
	return { user: request.user, ...settled };
}

const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE) ?? null;
	event.locals.user = null;
	event.locals.sessionToken = null;
	event.locals.guest = null;
	const guestToken = event.cookies.get(GUEST_COOKIE);
	if (guestToken) event.locals.guest = await resolveGuest(db, guestToken);
	if (token) {
		const session = await signedInUser(event, token);
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

/** The public answer page of a customer questionnaire, `/q/<token>`. */
const PUBLIC_ANSWER_PATH = /^\/q\/[^/]+\/?$/;

/**
 * Keeps a reader page just rendered for server.js to send without rendering, and makes a request
 * that may have written wait until this process's kept pages reflect its writes
 * (reader-page-cache.ts). Outermost after the ops hook, so that it keeps the headers the other
 * hooks add.
 */
const handleReaderPages: Handle = async ({ event, resolve }) => {
	const epoch = readerPages.epoch;
	const response = await resolve(event);
	const { method } = event.request;
	if ((method !== 'GET' && method !== 'HEAD') || response.headers.has('set-cookie')) {
		// A customer's answer (the public questionnaire page) changes nothing a reader page shows.
		if (!PUBLIC_ANSWER_PATH.test(event.url.pathname)) await readerPages.settle(db);
		return response;
	}
	const request = event.locals.workspaceRequest;
	if (
		method !== 'GET' ||
		event.url.search !== '' ||
		!READER_PAGE_PATH.test(event.url.pathname) ||
		!request?.versions ||
		!request.membership
	)
		return response;
	return readerPages.keep(
		{
			path: event.url.pathname,
			cookieHeader: event.request.headers.get('cookie'),
			acceptLanguage: event.request.headers.get('accept-language')
		},
		{
			userId: request.user.id,
			workspaceId: request.workspaceId,
			sessionExpiresAt: request.expiresAt,
			epoch
		},
		response
	);
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

/** Probes and metrics before anything else; an id, a log line and a metric for every other request. */
const handleOps: Handle = async (input) => handleOpsRequest((await startApp()).ops, input);

export const handle = sequence(
	handleOps,
	handleReaderPages,
	handleSecurityHeaders,
	handleSession,
	handleLocale
);

export const handleError: HandleServerError = ({ error, status }) => {
	// A 4xx here (a body over the limit, a page that does not exist) is the request's fault: only
	// the server's own failures are logged.
	if (status >= 500) logger.error({ err: error }, 'request failed');
	if (status === 404) return { message: 'Not found' };
	return { message: status < 500 ? 'Request refused' : 'Internal error' };
};
