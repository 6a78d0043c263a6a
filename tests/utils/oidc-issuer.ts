// A real OpenID provider for the tests: the `oidc-provider` package as a local issuer on a free
// port, with test clients and accounts. Its development login form accepts any password; the
// login name is the account id and the `sub`. Consent is given automatically (first-party client).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ClientMetadata, type KoaContextWithOIDC } from 'oidc-provider';

/** Claims of a test account (besides `sub`, which is its login name). */
export type TestAccountClaims = {
	email?: string;
	email_verified?: boolean;
	name?: string;
	department?: string;
};

export type TestIssuer = {
	/** The issuer URL (http://127.0.0.1:<port>). */
	issuer: string;
	/** Adds or replaces an account; its claims are read at each sign-in. */
	setAccount: (login: string, claims: TestAccountClaims) => void;
	/**
	 * Replaces the ID token in the next answer of the token endpoint (the rest of the answer stays
	 * the provider's own): a stand-in for a provider or network that hands over the wrong token.
	 */
	replaceNextIdToken: (idToken: string) => void;
	close: () => Promise<void>;
};

const SCOPES = 'openid email profile';

/**
 * Starts the issuer. `clients` may be a function: the provider is then built at its first request,
 * so a client's redirect URI can name an app started after the issuer (it needs the issuer's URL).
 */
export async function startTestIssuer(
	clients: ClientMetadata[] | (() => ClientMetadata[])
): Promise<TestIssuer> {
	const accounts = new Map<string, TestAccountClaims>();
	let nextIdToken: string | undefined;
	let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
	const server = createServer((req, res) => {
		handle ??= buildProvider().callback();
		handle(req, res);
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const buildProvider = () => {
		const provider = new Provider(issuer, {
			clients: typeof clients === 'function' ? clients() : clients,
			cookies: { keys: ['focusboard-test-issuer'] },
			claims: {
				openid: ['sub'],
				email: ['email', 'email_verified'],
				profile: ['name', 'department']
			},
			scopes: ['openid', 'email', 'profile'],
			pkce: { required: () => true },
			features: { devInteractions: { enabled: true } },
			findAccount: (_ctx, id) => {
				const claims = accounts.get(id);
				if (!claims) return undefined;
				return { accountId: id, claims: () => ({ sub: id, ...claims }) };
			},
			// First-party client: no consent screen.
			loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
				const session = ctx.oidc.session;
				const clientId = ctx.oidc.client?.clientId;
				if (!session?.accountId || !clientId) return undefined;
				const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(clientId);
				if (grantId) return ctx.oidc.provider.Grant.find(grantId);
				const grant = new ctx.oidc.provider.Grant({ clientId, accountId: session.accountId });
				grant.addOIDCScope(SCOPES);
				await grant.save();
				return grant;
			}
		});
		provider.use(async (ctx, next) => {
			await next();
			if (ctx.path !== '/token' || nextIdToken === undefined) return;
			const body: unknown = ctx.body;
			if (typeof body === 'object' && body !== null && 'id_token' in body) {
				ctx.body = { ...body, id_token: nextIdToken };
				nextIdToken = undefined;
			}
		});
		return provider;
	};

	return {
		issuer,
		setAccount: (login, claims) => accounts.set(login, claims),
		replaceNextIdToken: (idToken) => (nextIdToken = idToken),
		close: () =>
			new Promise<void>((done) => {
				server.closeAllConnections();
				server.close(() => done());
			})
	};
}

/** A cookie jar for one "browser" at the issuer. */
function cookieJar() {
	const cookies = new Map<string, string>();
	return {
		header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
		take(response: Response) {
			for (const line of response.headers.getSetCookie()) {
				const [pair = ''] = line.split(';');
				const at = pair.indexOf('=');
				const name = pair.slice(0, at).trim();
				const value = pair.slice(at + 1).trim();
				if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
				else cookies.set(name, value);
			}
		}
	};
}

/**
 * Plays the person at the provider without a browser: opens the authorization URL, signs in as
 * `login` on the development login form, and follows redirects until the provider sends the
 * browser away from itself. Returns that address: the client's redirect URI with `code` and `state`.
 */
export async function authorizeAs(authorizationUrl: URL | string, login: string): Promise<URL> {
	const jar = cookieJar();
	let url = new URL(authorizationUrl);
	const issuerOrigin = url.origin;
	let method = 'GET';
	let body: URLSearchParams | undefined;
	for (let hop = 0; hop < 20; hop++) {
		const response = await fetch(url, {
			method,
			body,
			redirect: 'manual',
			headers: { cookie: jar.header() }
		});
		jar.take(response);
		method = 'GET';
		body = undefined;
		const location = response.headers.get('location');
		if (location) {
			url = new URL(location, url);
			if (url.origin !== issuerOrigin) return url;
			continue;
		}
		const html = await response.text();
		const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
		if (!action || !html.includes('name="login"'))
			throw new Error(`unexpected page at the issuer (${response.status}): ${html.slice(0, 300)}`);
		url = new URL(action.replaceAll('&amp;', '&'), url);
		method = 'POST';
		body = new URLSearchParams({ prompt: 'login', login, password: 'any' });
	}
	throw new Error('too many redirects at the issuer');
}
