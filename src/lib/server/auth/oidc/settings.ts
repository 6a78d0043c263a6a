/** Roles a person may get on their first sign-in through the identity provider (never admin). */
export const oidcDefaultRoles = ['reader', 'member', 'facilitator'] as const;
export type OidcDefaultRole = (typeof oidcDefaultRoles)[number];

/** The company identity provider (OpenID Connect) this installation trusts, from the environment. */
export type OidcSettings = {
	/** Issuer URL; its `/.well-known/openid-configuration` is read on first use. */
	issuer: string;
	clientId: string;
	clientSecret: string;
	/** The workspace people signing in through this provider belong to. */
	workspaceId: string;
	/** Lower-case e-mail domains allowed to sign in; empty allows every domain the provider vouches for. */
	allowedDomains: string[];
	/** Claim (of the ID token or userinfo) that names the person's department. */
	departmentClaim: string;
	defaultRole: OidcDefaultRole;
	/** Scopes asked for, `openid` among them. */
	scopes: string;
};

/** How people sign in here: the identity provider (when configured) and whether passwords still work. */
export type SignInSettings = { oidc: OidcSettings | null; passwordSignIn: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isOidcDefaultRole(value: string): value is OidcDefaultRole {
	return (oidcDefaultRoles as readonly string[]).includes(value);
}

/**
 * Reads OIDC_* and PASSWORD_SIGN_IN. Without OIDC_ISSUER there is no identity provider; a half
 * configured one is a start-up mistake and throws with what is missing, rather than letting people
 * meet a broken button. Password sign-in can be switched off only when a provider is configured
 * (otherwise nobody could sign in at all).
 */
export function readSignInSettings(env: NodeJS.ProcessEnv = process.env): SignInSettings {
	const issuer = env.OIDC_ISSUER?.trim() ?? '';
	const passwordOff = ['off', 'false', '0', 'no'].includes(
		env.PASSWORD_SIGN_IN?.trim().toLowerCase() ?? ''
	);
	if (!issuer) return { oidc: null, passwordSignIn: true };
	const clientId = env.OIDC_CLIENT_ID?.trim() ?? '';
	const clientSecret = env.OIDC_CLIENT_SECRET?.trim() ?? '';
	const workspaceId = env.OIDC_WORKSPACE_ID?.trim().toLowerCase() ?? '';
	const defaultRole = env.OIDC_DEFAULT_ROLE?.trim().toLowerCase() || 'reader';
	if (!URL.canParse(issuer)) throw new Error('OIDC_ISSUER is not a URL');
	if (!clientId || !clientSecret)
		throw new Error('OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required with OIDC_ISSUER');
	if (!UUID.test(workspaceId))
		throw new Error('OIDC_WORKSPACE_ID must be the id of a workspace (a UUID, as in /w/<id>)');
	if (!isOidcDefaultRole(defaultRole))
		throw new Error(`OIDC_DEFAULT_ROLE must be one of ${oidcDefaultRoles.join(', ')}`);
	const allowedDomains = (env.OIDC_ALLOWED_DOMAINS ?? '')
		.split(/[,\s]+/)
		.map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
		.filter(Boolean);
	const scopes = new Set((env.OIDC_SCOPES?.trim() || 'openid email profile').split(/\s+/));
	scopes.add('openid');
	return {
		oidc: {
			issuer,
			clientId,
			clientSecret,
			workspaceId,
			allowedDomains,
			departmentClaim: env.OIDC_DEPARTMENT_CLAIM?.trim() || 'department',
			defaultRole,
			scopes: [...scopes].join(' ')
		},
		passwordSignIn: !passwordOff
	};
}
