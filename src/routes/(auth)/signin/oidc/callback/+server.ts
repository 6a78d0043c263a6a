import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { takeTransactionCookie } from '$lib/server/auth/oidc/cookie';
import { OIDC_CALLBACK_PATH, completeOidcSignIn } from '$lib/server/auth/oidc/sign-in';
import { readSignInSettings } from '$lib/server/auth/oidc/settings';
import { DomainError } from '$lib/server/errors';
import { cookieMaxAge, cookieName, getLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

/** The provider's redirect back: signs the person in, or shows why not on the sign-in page. */
export const GET: RequestHandler = async ({ url, cookies }) => {
	const { oidc } = readSignInSettings();
	if (!oidc) redirect(303, '/signin?error=oidc_not_configured');
	let signedIn;
	try {
		signedIn = await completeOidcSignIn(db, oidc, {
			transactionToken: takeTransactionCookie(cookies, url),
			redirectUri: new URL(OIDC_CALLBACK_PATH, url.origin).href,
			callbackParameters: url.searchParams,
			language: getLocale()
		});
	} catch (error) {
		if (error instanceof DomainError) redirect(303, `/signin?error=${error.code}`);
		throw error;
	}
	setSessionCookie(cookies, url, signedIn.token, signedIn.expiresAt);
	cookies.set(cookieName, signedIn.language, {
		path: '/',
		maxAge: cookieMaxAge,
		sameSite: 'lax',
		httpOnly: false
	});
	redirect(303, signedIn.returnPath === '/' ? `/w/${signedIn.workspaceId}` : signedIn.returnPath);
};
