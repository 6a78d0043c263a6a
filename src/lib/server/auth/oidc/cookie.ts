import type { Cookies } from '@sveltejs/kit';
import { isSecureOrigin } from '../cookies';
import { OIDC_TRANSACTION_TTL_MS } from './transactions';

/**
 * Cookie that ties a sign-in at the provider to the browser that started it. SameSite=Lax, since
 * the provider's redirect back is a top-level navigation from another site.
 */
export const OIDC_TRANSACTION_COOKIE = 'fb_oidc';
const COOKIE_PATH = '/signin/oidc';

export function setTransactionCookie(cookies: Cookies, url: URL, token: string): void {
	cookies.set(OIDC_TRANSACTION_COOKIE, token, {
		path: COOKIE_PATH,
		httpOnly: true,
		sameSite: 'lax',
		secure: isSecureOrigin(url),
		maxAge: OIDC_TRANSACTION_TTL_MS / 1000
	});
}

/** Reads the transaction token and deletes the cookie: it serves one callback. */
export function takeTransactionCookie(cookies: Cookies, url: URL): string | undefined {
	const token = cookies.get(OIDC_TRANSACTION_COOKIE);
	if (token !== undefined)
		cookies.delete(OIDC_TRANSACTION_COOKIE, {
			path: COOKIE_PATH,
			httpOnly: true,
			sameSite: 'lax',
			secure: isSecureOrigin(url)
		});
	return token;
}
