import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { setTransactionCookie } from '$lib/server/auth/oidc/cookie';
import { OIDC_CALLBACK_PATH, beginOidcSignIn } from '$lib/server/auth/oidc/sign-in';
import { readSignInSettings } from '$lib/server/auth/oidc/settings';
import { DomainError } from '$lib/server/errors';
import { safeRedirectPath } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Sends the browser to the company identity provider (a server redirect, so the page CSP stays as it is). */
export const GET: RequestHandler = async ({ url, cookies }) => {
	const { oidc } = readSignInSettings();
	if (!oidc) redirect(303, '/signin?error=oidc_not_configured');
	const returnPath = safeRedirectPath(url.searchParams.get('redirectTo'));
	let start;
	try {
		start = await beginOidcSignIn(
			db,
			oidc,
			new URL(OIDC_CALLBACK_PATH, url.origin).href,
			returnPath
		);
	} catch (error) {
		if (error instanceof DomainError) redirect(303, `/signin?error=${error.code}`);
		throw error;
	}
	setTransactionCookie(cookies, url, start.transactionToken);
	redirect(303, start.authorizationUrl.href);
};
