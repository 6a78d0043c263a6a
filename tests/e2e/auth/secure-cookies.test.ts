// The production server marks its cookies Secure exactly when ORIGIN is https. Each server here
// runs with its own ORIGIN and database and is reached over plain http on 127.0.0.1, as behind a
// proxy that ends TLS; forms are posted with the Origin header a browser on ORIGIN would send.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	copyBuild,
	startProductionServer,
	type ProductionServer
} from '../../utils/production-server';
import { newAccount } from '../../utils/e2e-accounts';

/** A cookie from a Set-Cookie header: its value and its attributes, names in lower case. */
type SetCookie = { value: string; attributes: Map<string, string> };

function setCookie(response: Response, name: string): SetCookie | undefined {
	for (const header of response.headers.getSetCookie()) {
		const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
		if (!pair.startsWith(`${name}=`)) continue;
		const entries = attributes.map((attribute): [string, string] => {
			const [key = '', value = ''] = attribute.split('=');
			return [key.toLowerCase(), value];
		});
		return { value: pair.slice(name.length + 1), attributes: new Map(entries) };
	}
	return undefined;
}

/** Posts a form the way a browser on the server's ORIGIN does, without following the redirect. */
function postForm(
	server: ProductionServer,
	path: string,
	fields: Record<string, string>,
	cookie = ''
) {
	return fetch(new URL(path, server.url), {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(fields)
	});
}

/** Signs a new account up, signs it in again, opens a session for guests and joins it as a guest. */
async function cookiesOf(server: ProductionServer) {
	const account = newAccount('cookies');
	const signedUp = await postForm(server, '/signup', {
		workspaceName: account.workspaceName,
		name: account.name,
		email: account.email,
		password: account.password
	});
	expect(signedUp.status).toBe(303);
	const signedIn = await postForm(server, '/signin', {
		email: account.email,
		password: account.password
	});
	expect(signedIn.status).toBe(303);
	const session = setCookie(signedIn, 'fb_session');
	const cookie = `fb_session=${session?.value ?? ''}`;

	const workspacePath = signedUp.headers.get('location') ?? '';
	const created = await postForm(
		server,
		`${workspacePath}/sessions/new`,
		{ title: 'Cookie check', goal: '', scheduledOn: '', anonymity: 'partial', allowGuests: 'on' },
		cookie
	);
	expect(created.status).toBe(303);
	const sessionPage = await fetch(new URL(created.headers.get('location') ?? '', server.url), {
		headers: { cookie }
	});
	const guestCode = /guestCode:"([A-Z0-9]{6})"/.exec(await sessionPage.text())?.[1] ?? '';
	expect(guestCode).toMatch(/^[A-Z0-9]{6}$/);
	const joined = await postForm(server, '/join', { code: guestCode, name: 'Guest Gita' });
	expect(joined.status).toBe(303);
	return { session, guest: setCookie(joined, 'fb_guest') };
}

/** Each server starts and migrates a fresh database; on a busy machine that takes a while. */
const STARTUP_MS = 180_000;
/** Sign-up, sign-in and a guest's joining hash passwords and render pages. */
const TEST_MS = 90_000;

describe.skipIf(!inject('appUrl'))('cookies follow ORIGIN', () => {
	let build: Awaited<ReturnType<typeof copyBuild>> | undefined;
	let https: ProductionServer | undefined;
	let http: ProductionServer | undefined;
	beforeAll(async () => {
		build = await copyBuild();
		const dir = build.dir;
		https = await startProductionServer(dir, () => 'https://focusboard.test');
		http = await startProductionServer(dir, (port) => `http://localhost:${port}`);
	}, 2 * STARTUP_MS);
	afterAll(async () => {
		await Promise.all([https?.stop(), http?.stop()]);
		await build?.remove();
	}, STARTUP_MS);

	it(
		'are Secure, HttpOnly and SameSite=Lax when ORIGIN is https',
		async () => {
			if (!https) throw new Error('the https server did not start');
			const { session, guest } = await cookiesOf(https);
			for (const cookie of [session, guest]) {
				expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
				expect(cookie?.attributes.has('secure')).toBe(true);
				expect(cookie?.attributes.has('httponly')).toBe(true);
				expect(cookie?.attributes.get('samesite')?.toLowerCase()).toBe('lax');
			}
		},
		TEST_MS
	);

	it(
		'are not Secure when ORIGIN is plain http, so that a local server works',
		async () => {
			if (!http) throw new Error('the http server did not start');
			const { session, guest } = await cookiesOf(http);
			for (const cookie of [session, guest]) {
				expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
				expect(cookie?.attributes.has('secure')).toBe(false);
				expect(cookie?.attributes.has('httponly')).toBe(true);
				expect(cookie?.attributes.get('samesite')?.toLowerCase()).toBe('lax');
			}
		},
		TEST_MS
	);
});
