import * as client from 'openid-client';
import { timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Language } from '$lib/validation/fields';
import type { Db } from '../../db';
import { users } from '../../db/schema';
import { DomainError } from '../../errors';
import { createSession } from '../session';
import { checkAllowedDomain, personFromClaims } from './claims';
import { providerConfiguration } from './provider-client';
import { provisionPerson } from './provisioning';
import type { OidcSettings } from './settings';
import { saveTransaction, takeTransaction } from './transactions';

/** Path of the provider's redirect back to us; register `<ORIGIN>/signin/oidc/callback` there. */
export const OIDC_CALLBACK_PATH = '/signin/oidc/callback';

/** Where to send the browser to sign in, and the token of the stored transaction for its cookie. */
export type OidcStart = { authorizationUrl: URL; transactionToken: string };

/** Starts a sign-in: stores state, nonce and PKCE verifier, and builds the provider's address. */
export async function beginOidcSignIn(
	db: Db,
	settings: OidcSettings,
	redirectUri: string,
	returnPath: string
): Promise<OidcStart> {
	const configuration = await reachProvider(settings);
	const codeVerifier = client.randomPKCECodeVerifier();
	const state = client.randomState();
	const nonce = client.randomNonce();
	const transactionToken = await saveTransaction(db, { state, nonce, codeVerifier, returnPath });
	const authorizationUrl = client.buildAuthorizationUrl(configuration, {
		redirect_uri: redirectUri,
		scope: settings.scopes,
		response_type: 'code',
		code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
		code_challenge_method: 'S256',
		state,
		nonce
	});
	return { authorizationUrl, transactionToken };
}

/** The outcome of a sign-in that came back well: a new session, and where to go. */
export type OidcSignedIn = {
	userId: string;
	workspaceId: string;
	language: string;
	returnPath: string;
	token: string;
	expiresAt: Date;
};

async function reachProvider(settings: OidcSettings): Promise<client.Configuration> {
	try {
		return await providerConfiguration(settings);
	} catch (error) {
		console.error('OpenID provider discovery failed', error);
		throw new DomainError('oidc_provider_error', 502);
	}
}

function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** The claim a failed ID token comparison was about (`aud`, `nonce`, `iss`...), if the error says. */
function failedClaim(error: client.ClientError): string | undefined {
	const cause: unknown = error.cause;
	if (typeof cause !== 'object' || cause === null || !('cause' in cause)) return undefined;
	const detail: unknown = cause.cause;
	if (typeof detail !== 'object' || detail === null || !('claim' in detail)) return undefined;
	return typeof detail.claim === 'string' ? detail.claim : undefined;
}

/** Turns what the library refused into the message the person sees; the details go to the log. */
function refusal(error: unknown): DomainError {
	if (error instanceof DomainError) return error;
	if (error instanceof client.AuthorizationResponseError)
		return new DomainError('oidc_provider_error', 400);
	if (error instanceof client.ResponseBodyError) {
		if (error.error === 'invalid_grant') return new DomainError('oidc_code_rejected', 400);
		console.error('OpenID provider refused the token request', error);
		return new DomainError('oidc_provider_error', 502);
	}
	if (error instanceof client.ClientError) {
		const detail = error.cause instanceof Error ? error.cause.message : '';
		console.warn('OpenID sign-in refused:', error.message, error.code, detail);
		if (failedClaim(error) === 'aud') return new DomainError('oidc_wrong_audience', 400);
		return new DomainError('oidc_token_invalid', 400);
	}
	console.error('OpenID sign-in failed', error);
	return new DomainError('oidc_provider_error', 502);
}

/**
 * Finishes a sign-in on the provider's redirect: takes the transaction of this browser (once),
 * checks `state`, redeems the code with the PKCE verifier (the library checks the ID token's
 * issuer, audience, expiry and `nonce`), completes the claims from userinfo, checks the e-mail
 * domain, creates or updates the person, and opens a session.
 * `callbackParameters` are the query parameters of the redirect.
 */
export async function completeOidcSignIn(
	db: Db,
	settings: OidcSettings,
	input: {
		transactionToken: string | undefined;
		redirectUri: string;
		callbackParameters: URLSearchParams;
		language: Language;
	}
): Promise<OidcSignedIn> {
	const transaction = input.transactionToken
		? await takeTransaction(db, input.transactionToken)
		: null;
	if (!transaction) throw new DomainError('oidc_expired', 400);
	if (input.callbackParameters.has('error')) throw new DomainError('oidc_provider_error', 400);
	if (!sameText(input.callbackParameters.get('state') ?? '', transaction.state))
		throw new DomainError('oidc_state_mismatch', 400);
	const configuration = await reachProvider(settings);
	const currentUrl = new URL(input.redirectUri);
	currentUrl.search = input.callbackParameters.toString();
	let claims: Record<string, unknown>;
	try {
		const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
			pkceCodeVerifier: transaction.codeVerifier,
			expectedState: transaction.state,
			expectedNonce: transaction.nonce,
			idTokenExpected: true
		});
		const idClaims = tokens.claims();
		if (!idClaims) throw new DomainError('oidc_token_invalid', 400);
		claims = { ...idClaims };
		if (configuration.serverMetadata().userinfo_endpoint && tokens.access_token) {
			const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
			claims = { ...userInfo, ...idClaims };
		}
	} catch (error) {
		throw refusal(error);
	}
	const issuer = configuration.serverMetadata().issuer;
	const person = personFromClaims(issuer, claims, settings.departmentClaim);
	checkAllowedDomain(person, settings.allowedDomains);
	return db.transaction(async (tx) => {
		const userId = await provisionPerson(tx, person, {
			workspaceId: settings.workspaceId,
			defaultRole: settings.defaultRole,
			language: input.language
		});
		const session = await createSession(tx, userId);
		const [user] = await tx
			.select({ language: users.language })
			.from(users)
			.where(eq(users.id, userId));
		return {
			userId,
			workspaceId: settings.workspaceId,
			language: user?.language ?? input.language,
			returnPath: transaction.returnPath,
			...session
		};
	});
}
