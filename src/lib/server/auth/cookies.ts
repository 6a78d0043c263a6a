import type { Cookies } from '@sveltejs/kit';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'fb_session';

/** Secure cookies whenever the app is reached over https (ORIGIN or the request itself). */
export function isSecureOrigin(url: URL): boolean {
	const origin = process.env.ORIGIN;
	return origin ? origin.startsWith('https:') : url.protocol === 'https:';
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: isSecureOrigin(url),
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: isSecureOrigin(url)
	});
}
