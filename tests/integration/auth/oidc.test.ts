import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as client from 'openid-client';
import { db } from '$lib/server/db';
import { departments, memberships, userIdentities, users } from '$lib/server/db/schema';
import { signIn } from '$lib/server/auth/accounts';
import { validateSessionToken } from '$lib/server/auth/session';
import { beginOidcSignIn, completeOidcSignIn } from '$lib/server/auth/oidc/sign-in';
import type { OidcSettings } from '$lib/server/auth/oidc/settings';
import { DomainError } from '$lib/server/errors';
import { authorizeAs, startTestIssuer, type TestIssuer } from '../../utils/oidc-issuer';
import { createAdmin, TEST_PASSWORD } from '../../utils/factories';
import { uniqueClientAddress } from '../../utils/client-address';

const REDIRECT_URI = 'http://focus.test/signin/oidc/callback';
const OTHER_REDIRECT_URI = 'http://other.test/callback';

let issuer: TestIssuer;
let settings: OidcSettings;
let workspaceId: string;

beforeAll(async () => {
	issuer = await startTestIssuer([
		{ client_id: 'focusboard', client_secret: 'focusboard-secret', redirect_uris: [REDIRECT_URI] },
		{ client_id: 'other-app', client_secret: 'other-secret', redirect_uris: [OTHER_REDIRECT_URI] }
	]);
	workspaceId = (await createAdmin()).workspaceId;
	settings = {
		issuer: issuer.issuer,
		clientId: 'focusboard',
		clientSecret: 'focusboard-secret',
		workspaceId,
		allowedDomains: ['clinic.test'],
		departmentClaim: 'department',
		defaultRole: 'reader',
		scopes: 'openid email profile'
	};
});

afterAll(() => issuer?.close());

/** A person at the provider nobody used before. */
function newLogin(): string {
	return `person-${randomBytes(4).toString('hex')}`;
}

/** Starts a sign-in, signs in at the provider as `login`; returns what the browser would bring back. */
async function goToProvider(login: string, using = settings) {
	const start = await beginOidcSignIn(db, using, REDIRECT_URI, '/');
	const callback = await authorizeAs(start.authorizationUrl, login);
	expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
	return { transactionToken: start.transactionToken, callback };
}

function complete(
	transactionToken: string | undefined,
	callbackParameters: URLSearchParams,
	using = settings
) {
	return completeOidcSignIn(db, using, {
		transactionToken,
		redirectUri: REDIRECT_URI,
		callbackParameters,
		language: 'ru'
	});
}

async function signInAs(login: string, using = settings) {
	const { transactionToken, callback } = await goToProvider(login, using);
	return complete(transactionToken, callback.searchParams, using);
}

/** The DomainError code a promise rejects with. */
async function refusal(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof DomainError) return error.code;
		throw error;
	}
	throw new Error('expected a refusal');
}

async function membershipOf(userId: string) {
	const [row] = await db
		.select({ role: memberships.role, department: departments.name })
		.from(memberships)
		.leftJoin(departments, eq(departments.id, memberships.departmentId))
		.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
	return row;
}

describe('company sign-in (OpenID Connect)', () => {
	it('creates a person on their first sign-in as a reader with the department from the claim', async () => {
		const login = newLogin();
		issuer.setAccount(login, {
			email: `${login}@clinic.test`,
			email_verified: true,
			name: 'Vera Petrova',
			department: 'Front office'
		});
		const signedIn = await signInAs(login);
		expect(signedIn.workspaceId).toBe(workspaceId);
		expect(signedIn.returnPath).toBe('/');
		expect(await membershipOf(signedIn.userId)).toEqual({
			role: 'reader',
			department: 'Front office'
		});
		const [user] = await db.select().from(users).where(eq(users.id, signedIn.userId));
		expect(user).toMatchObject({
			email: `${login}@clinic.test`,
			name: 'Vera Petrova',
			passwordHash: null,
			language: 'ru'
		});
		const session = await validateSessionToken(db, signedIn.token);
		expect(session?.user.id).toBe(signedIn.userId);
		const identities = await db
			.select()
			.from(userIdentities)
			.where(eq(userIdentities.userId, signedIn.userId));
		expect(identities.map((row) => [row.issuer, row.subject])).toEqual([[issuer.issuer, login]]);
		// No password was ever set, so none opens the account.
		const withPassword = signIn(db, {
			email: `${login}@clinic.test`,
			password: TEST_PASSWORD,
			clientAddress: uniqueClientAddress()
		});
		expect(await refusal(withPassword)).toBe('invalid_credentials');
	});

	it('reuses the account on the next sign-in, by sub, and the department follows the claim', async () => {
		const login = newLogin();
		issuer.setAccount(login, {
			email: `${login}@clinic.test`,
			email_verified: true,
			department: 'Sales'
		});
		const first = await signInAs(login);
		issuer.setAccount(login, {
			email: `${login}.new@clinic.test`,
			email_verified: true,
			department: 'Service'
		});
		const second = await signInAs(login);
		expect(second.userId).toBe(first.userId);
		expect(second.token).not.toBe(first.token);
		expect(await membershipOf(first.userId)).toEqual({ role: 'reader', department: 'Service' });
		const names = await db
			.select({ name: departments.name })
			.from(departments)
			.where(eq(departments.workspaceId, workspaceId));
		expect(names.map((row) => row.name)).toEqual(expect.arrayContaining(['Sales', 'Service']));
	});

	it('refuses a member an admin deactivated (the provider still knows them), and lets them in once reactivated', async () => {
		const login = newLogin();
		issuer.setAccount(login, { email: `${login}@clinic.test`, email_verified: true });
		const first = await signInAs(login);
		await db
			.update(memberships)
			.set({ deactivatedAt: new Date() })
			.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, first.userId)));
		expect(await refusal(signInAs(login))).toBe('account_deactivated');
		await db
			.update(memberships)
			.set({ deactivatedAt: null })
			.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, first.userId)));
		expect((await signInAs(login)).userId).toBe(first.userId);
	});

	it('gives new people the configured role; an existing member keeps theirs', async () => {
		const login = newLogin();
		issuer.setAccount(login, { email: `${login}@clinic.test`, email_verified: true });
		const first = await signInAs(login, { ...settings, defaultRole: 'member' });
		expect(await membershipOf(first.userId)).toEqual({ role: 'member', department: null });
		await signInAs(login, { ...settings, defaultRole: 'facilitator' });
		expect((await membershipOf(first.userId))?.role).toBe('member');
	});

	it('refuses an answer whose state does not match, and the attempt cannot be used again', async () => {
		const login = newLogin();
		issuer.setAccount(login, { email: `${login}@clinic.test`, email_verified: true });
		const { transactionToken, callback } = await goToProvider(login);
		const forged = new URLSearchParams(callback.searchParams);
		forged.set('state', client.randomState());
		expect(await refusal(complete(transactionToken, forged))).toBe('oidc_state_mismatch');
		expect(await refusal(complete(transactionToken, callback.searchParams))).toBe('oidc_expired');
		expect(
			await db
				.select()
				.from(users)
				.where(eq(users.email, `${login}@clinic.test`))
		).toEqual([]);
	});

	it('refuses a replayed code, with the same attempt and with a new one', async () => {
		const login = newLogin();
		issuer.setAccount(login, { email: `${login}@clinic.test`, email_verified: true });
		const { transactionToken, callback } = await goToProvider(login);
		await complete(transactionToken, callback.searchParams);
		expect(await refusal(complete(transactionToken, callback.searchParams))).toBe('oidc_expired');
		// An attacker who saw the code starts an attempt of their own and brings the code to it.
		const fresh = await beginOidcSignIn(db, settings, REDIRECT_URI, '/');
		const replayed = new URLSearchParams(callback.searchParams);
		replayed.set('state', new URL(fresh.authorizationUrl).searchParams.get('state') ?? '');
		expect(await refusal(complete(fresh.transactionToken, replayed))).toBe('oidc_code_rejected');
	});

	it('refuses an ID token issued to another application (audience mismatch)', async () => {
		const login = newLogin();
		issuer.setAccount(login, { email: `${login}@clinic.test`, email_verified: true });
		const start = await beginOidcSignIn(db, settings, REDIRECT_URI, '/');
		const nonce = start.authorizationUrl.searchParams.get('nonce') ?? '';
		// Another application at the same provider, asking with our nonce, gets a genuine ID token for itself.
		const other = await client.discovery(
			new URL(issuer.issuer),
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
		const otherTokens = await client.authorizationCodeGrant(
			other,
			await authorizeAs(otherUrl, login),
			{
				pkceCodeVerifier: verifier,
				expectedNonce: nonce
			}
		);
		expect(otherTokens.claims()?.aud).toBe('other-app');
		const callback = await authorizeAs(start.authorizationUrl, login);
		issuer.replaceNextIdToken(otherTokens.id_token ?? '');
		expect(await refusal(complete(start.transactionToken, callback.searchParams))).toBe(
			'oidc_wrong_audience'
		);
		expect(
			await db
				.select()
				.from(users)
				.where(eq(users.email, `${login}@clinic.test`))
		).toEqual([]);
	});

	it('refuses an e-mail outside the allowed domains', async () => {
		const login = newLogin();
		issuer.setAccount(login, { email: `${login}@elsewhere.test`, email_verified: true });
		expect(await refusal(signInAs(login))).toBe('oidc_domain_not_allowed');
		expect(
			await db
				.select()
				.from(users)
				.where(eq(users.email, `${login}@elsewhere.test`))
		).toEqual([]);
		issuer.setAccount(login, {});
		expect(await refusal(signInAs(login))).toBe('oidc_email_missing');
	});

	it('links an existing password account with the same verified e-mail; an unverified one is refused', async () => {
		const admin = await createAdmin();
		const email = admin.email;
		const domain = email.slice(email.indexOf('@') + 1);
		const using = { ...settings, allowedDomains: [domain] };
		const unverified = newLogin();
		issuer.setAccount(unverified, { email, email_verified: false });
		// With an allow-list the unverified address is not even considered; without one it cannot take the account.
		expect(await refusal(signInAs(unverified, using))).toBe('oidc_email_missing');
		expect(await refusal(signInAs(unverified, { ...settings, allowedDomains: [] }))).toBe(
			'oidc_account_conflict'
		);
		const login = newLogin();
		issuer.setAccount(login, { email, email_verified: true, department: 'Board' });
		const signedIn = await signInAs(login, using);
		expect(signedIn.userId).toBe(admin.userId);
		expect(await membershipOf(admin.userId)).toEqual({ role: 'reader', department: 'Board' });
		// The password keeps working, and the account's own workspace is untouched.
		const withPassword = await signIn(db, {
			email,
			password: TEST_PASSWORD,
			clientAddress: uniqueClientAddress()
		});
		expect(withPassword.userId).toBe(admin.userId);
		const [own] = await db
			.select({ role: memberships.role })
			.from(memberships)
			.where(
				and(eq(memberships.workspaceId, admin.workspaceId), eq(memberships.userId, admin.userId))
			);
		expect(own?.role).toBe('admin');
		// A second identity at the same provider cannot take the account over.
		const another = newLogin();
		issuer.setAccount(another, { email, email_verified: true });
		expect(await refusal(signInAs(another, using))).toBe('oidc_account_conflict');
	});

	it('refuses a callback with no transaction cookie, or when the provider reports an error', async () => {
		expect(await refusal(complete(undefined, new URLSearchParams({ code: 'x', state: 'y' })))).toBe(
			'oidc_expired'
		);
		const start = await beginOidcSignIn(db, settings, REDIRECT_URI, '/w');
		const state = new URL(start.authorizationUrl).searchParams.get('state') ?? '';
		const denied = new URLSearchParams({ error: 'access_denied', state });
		expect(await refusal(complete(start.transactionToken, denied))).toBe('oidc_provider_error');
	});
});
