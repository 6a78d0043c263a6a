// Sign-in through the company's identity provider, in Chromium, against a real OpenID provider
// (oidc-provider) started here. The app runs as a server of this file's own: first without a
// provider, for the admin to create the workspace with a password; then again on the same
// database with the provider bound to that workspace and password sign-in switched off.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser, type Shoot } from '../../utils/browser';
import { authorizeAs, startTestIssuer, type TestIssuer } from '../../utils/oidc-issuer';
import {
	copyBuild,
	freshDatabase,
	startProductionServer,
	type AppDatabase,
	type ProductionServer
} from '../../utils/production-server';

const STARTUP_MS = 180_000;
const TEST_MS = 90_000;
const DOMAIN = 'clinic.test';
const OTHER_REDIRECT_URI = 'http://other.test/callback';

/** A login at the provider nobody used before. */
const newLogin = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;

describe.skipIf(!inject('appUrl'))('company sign-in (OpenID Connect)', () => {
	const browser = useBrowser();
	let build: Awaited<ReturnType<typeof copyBuild>> | undefined;
	let database: AppDatabase | undefined;
	let issuer: TestIssuer | undefined;
	let app: ProductionServer | undefined;
	let appOrigin = '';
	let workspaceId = '';
	const adminLogin = newLogin('admin');
	const adminEmail = `${adminLogin}@${DOMAIN}`;

	beforeAll(async () => {
		build = await copyBuild();
		database = await freshDatabase();
		issuer = await startTestIssuer(() => [
			{
				client_id: 'focusboard',
				client_secret: 'focusboard-secret',
				redirect_uris: [`${appOrigin}/signin/oidc/callback`]
			},
			{ client_id: 'other-app', client_secret: 'other-secret', redirect_uris: [OTHER_REDIRECT_URI] }
		]);
		const local = (port: number) => `http://127.0.0.1:${port}`;
		const first = await startProductionServer(build.dir, local, { database });
		try {
			const signedUp = await fetch(new URL('/signup', first.url), {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: first.origin,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({
					workspaceName: 'Northwind Clinics',
					name: 'Ada Admin',
					email: adminEmail,
					password: `orbit lantern ${adminLogin} meadow`
				})
			});
			expect(signedUp.status).toBe(303);
			workspaceId = (signedUp.headers.get('location') ?? '').split('/')[2] ?? '';
			expect(workspaceId).toMatch(/^[0-9a-f-]{36}$/);
		} finally {
			await first.stop();
		}
		const issuerUrl = issuer.issuer;
		app = await startProductionServer(build.dir, local, {
			database,
			env: (origin) => {
				appOrigin = origin;
				return {
					OIDC_ISSUER: issuerUrl,
					OIDC_CLIENT_ID: 'focusboard',
					OIDC_CLIENT_SECRET: 'focusboard-secret',
					OIDC_WORKSPACE_ID: workspaceId,
					OIDC_ALLOWED_DOMAINS: DOMAIN,
					OIDC_DEPARTMENT_CLAIM: 'department',
					PASSWORD_SIGN_IN: 'off'
				};
			}
		});
		issuer.setAccount(adminLogin, {
			email: adminEmail,
			email_verified: true,
			name: 'Ada Admin',
			department: 'Board'
		});
	}, 3 * STARTUP_MS);

	afterAll(async () => {
		await app?.stop();
		await database?.remove();
		await issuer?.close();
		await build?.remove();
	}, STARTUP_MS);

	function server(): { app: ProductionServer; issuer: TestIssuer } {
		if (!app || !issuer) throw new Error('the app or the issuer did not start');
		return { app, issuer };
	}

	/** Opens the sign-in page and follows the company button; returns the authorization URL the provider got. */
	async function startCompanySignIn(page: Page, shoot: Shoot): Promise<URL> {
		const { app: running, issuer: provider } = server();
		await page.goto(`${running.url}/signin`);
		await shoot(page, 'signin-page');
		const authorization = page.waitForRequest((request) =>
			request.url().startsWith(`${provider.issuer}/auth`)
		);
		await page.locator('a[href^="/signin/oidc"]').click();
		const url = new URL((await authorization).url());
		await page.locator('input[name="login"]').waitFor();
		return url;
	}

	/** Signs in on the provider's (development) login form. */
	async function loginAtProvider(page: Page, login: string, shoot: Shoot): Promise<void> {
		await page.locator('input[name="login"]').fill(login);
		await page.locator('input[name="password"]').fill('any password');
		await shoot(page, 'provider-login');
		await page.locator('button[type="submit"]').click();
	}

	async function companySignIn(page: Page, login: string, shoot: Shoot): Promise<void> {
		await startCompanySignIn(page, shoot);
		await loginAtProvider(page, login, shoot);
		await page.waitForURL((url) => url.pathname === `/w/${workspaceId}`);
	}

	/** The role and department the admin's members page shows for `email` (one row). */
	async function memberAsAdminSeesIt(page: Page, email: string) {
		await page.goto(`${server().app.url}/w/${workspaceId}/members`);
		const rows = page.getByRole('row').filter({ hasText: email });
		expect(await rows.count()).toBe(1);
		return {
			role: await rows.locator('select[name="role"]').inputValue(),
			department: (
				await rows.locator('select[name="departmentId"] option:checked').textContent()
			)?.trim()
		};
	}

	/** The alert the sign-in page shows. */
	async function signInAlert(page: Page): Promise<string> {
		await page.waitForURL((url) => url.pathname === '/signin');
		const alert = page.getByRole('alert');
		await alert.waitFor();
		return (await alert.textContent()) ?? '';
	}

	it(
		'shows only the company button when password sign-in is off, and refuses passwords',
		async () => {
			const shoot = screenshots('auth-company-only');
			const page = await browser.newPage();
			const { app: running } = server();
			await page.goto(`${running.url}/signin`);
			await page.getByRole('link', { name: 'Sign in with your company account' }).waitFor();
			await shoot(page, 'signin-company-only');
			expect(await page.locator('input[type="password"]').count()).toBe(0);
			expect(await page.getByText('signs people in through the company account only').count()).toBe(
				1
			);
			const posted = await fetch(new URL('/signin', running.url), {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: running.origin,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({
					email: adminEmail,
					password: `orbit lantern ${adminLogin} meadow`
				})
			});
			expect(posted.status).toBe(403);
			expect(posted.headers.getSetCookie().join()).not.toContain('fb_session');
			await page.goto(`${running.url}/signup`);
			expect(new URL(page.url()).pathname).toBe('/signin');
		},
		TEST_MS
	);

	it(
		'creates a reader with the department on the first sign-in, and reuses the account the next time',
		async () => {
			const shoot = screenshots('auth-company-first');
			const { issuer: provider } = server();
			const login = newLogin('vera');
			const email = `${login}@${DOMAIN}`;
			provider.setAccount(login, {
				email,
				email_verified: true,
				name: 'Vera Petrova',
				department: 'Front office'
			});
			const vera = await browser.newPage();
			await companySignIn(vera, login, shoot);
			await shoot(vera, 'vera-signed-in');

			// The admin had a password account with the same verified e-mail: linked, and still admin.
			const admin = await browser.newPage();
			await companySignIn(admin, adminLogin, shoot);
			expect(await memberAsAdminSeesIt(admin, email)).toEqual({
				role: 'reader',
				department: 'Front office'
			});
			await shoot(admin, 'members-after-first');

			provider.setAccount(login, {
				email,
				email_verified: true,
				name: 'Vera Petrova',
				department: 'Service'
			});
			const again = await browser.newPage();
			await companySignIn(again, login, shoot);
			expect(await memberAsAdminSeesIt(admin, email)).toEqual({
				role: 'reader',
				department: 'Service'
			});
			await shoot(admin, 'members-after-second');
		},
		TEST_MS
	);

	it(
		'refuses an answer with a wrong state (Russian)',
		async () => {
			const shoot = screenshots('auth-company-state');
			const { issuer: provider, app: running } = server();
			const login = newLogin('state');
			provider.setAccount(login, { email: `${login}@${DOMAIN}`, email_verified: true });
			const page = await browser.newPage({ locale: 'ru-RU' });
			const authorization = await startCompanySignIn(page, shoot);
			const callback = await authorizeAs(authorization, login);
			callback.searchParams.set('state', client.randomState());
			await page.goto(`${running.url}${callback.pathname}${callback.search}`);
			expect(await signInAlert(page)).toContain('не соответствует этой попытке входа');
			await shoot(page, 'wrong-state-ru');
		},
		TEST_MS
	);

	it(
		'refuses a replayed code (Bulgarian)',
		async () => {
			const shoot = screenshots('auth-company-replay');
			const { issuer: provider, app: running } = server();
			const login = newLogin('replay');
			provider.setAccount(login, { email: `${login}@${DOMAIN}`, email_verified: true });
			const victim = await browser.newPage();
			const authorization = await startCompanySignIn(victim, shoot);
			const callback = await authorizeAs(authorization, login);
			await victim.goto(`${running.url}${callback.pathname}${callback.search}`);
			await victim.waitForURL((url) => url.pathname === `/w/${workspaceId}`);

			// Someone who saw the code brings it to a sign-in attempt of their own.
			const attacker = await browser.newPage({ locale: 'bg-BG' });
			const own = await startCompanySignIn(attacker, shoot);
			callback.searchParams.set('state', own.searchParams.get('state') ?? '');
			await attacker.goto(`${running.url}${callback.pathname}${callback.search}`);
			expect(await signInAlert(attacker)).toContain('не прие кода за вход');
			await shoot(attacker, 'replayed-code-bg');
			// The same answer again in the victim's browser: that attempt is used up.
			await victim.context().clearCookies();
			await victim.goto(`${running.url}${callback.pathname}${callback.search}`);
			expect(await signInAlert(victim)).toContain('expired or was already used');
		},
		TEST_MS
	);

	it(
		'refuses an ID token issued to another application',
		async () => {
			const shoot = screenshots('auth-company-audience');
			const { issuer: provider } = server();
			const login = newLogin('aud');
			provider.setAccount(login, { email: `${login}@${DOMAIN}`, email_verified: true });
			const page = await browser.newPage();
			const authorization = await startCompanySignIn(page, shoot);
			const nonce = authorization.searchParams.get('nonce') ?? '';
			const other = await client.discovery(
				new URL(provider.issuer),
				'other-app',
				undefined,
				client.ClientSecretBasic('other-secret'),
				{ execute: [client.allowInsecureRequests] }
			);
			const verifier = client.randomPKCECodeVerifier();
			const otherUrl = client.buildAuthorizationUrl(other, {
				redirect_uri: OTHER_REDIRECT_URI,
				scope: 'openid email',
				code_challenge: await client.calculatePKCECodeChallenge(verifier),
				code_challenge_method: 'S256',
				nonce
			});
			const tokens = await client.authorizationCodeGrant(
				other,
				await authorizeAs(otherUrl, login),
				{
					pkceCodeVerifier: verifier,
					expectedNonce: nonce
				}
			);
			provider.replaceNextIdToken(tokens.id_token ?? '');
			await loginAtProvider(page, login, shoot);
			expect(await signInAlert(page)).toContain('issued for another application');
			await shoot(page, 'wrong-audience');
		},
		TEST_MS
	);

	it(
		'refuses an e-mail outside the allowed domains (Bulgarian)',
		async () => {
			const shoot = screenshots('auth-company-domain');
			const { issuer: provider } = server();
			const login = newLogin('outsider');
			provider.setAccount(login, { email: `${login}@elsewhere.test`, email_verified: true });
			const page = await browser.newPage({ locale: 'bg-BG' });
			await startCompanySignIn(page, shoot);
			await loginAtProvider(page, login, shoot);
			expect(await signInAlert(page)).toContain('не е от домейн, на който е разрешен вход');
			await shoot(page, 'domain-refused-bg');
			expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(
				'fb_session'
			);
		},
		TEST_MS
	);
});
