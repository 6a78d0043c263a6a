// The part of `oidc-provider` (which ships no types) that the tests' issuer uses.
declare module 'oidc-provider' {
	export type ClientMetadata = {
		client_id: string;
		client_secret?: string;
		redirect_uris: string[];
		grant_types?: string[];
		response_types?: string[];
		token_endpoint_auth_method?: string;
	};

	type Grant = {
		addOIDCScope(scope: string): void;
		save(): Promise<string>;
	};

	type GrantConstructor = {
		new (init: { clientId: string; accountId: string }): Grant;
		find(id: string): Promise<Grant | undefined>;
	};

	export type KoaContextWithOIDC = {
		path: string;
		body: unknown;
		oidc: {
			session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
			client?: { clientId: string };
			result?: { consent?: { grantId?: string } };
			provider: { Grant: GrantConstructor };
		};
	};

	type Account = { accountId: string; claims: () => Record<string, unknown> };

	export type Configuration = {
		clients?: ClientMetadata[];
		cookies?: { keys: string[] };
		claims?: Record<string, string[]>;
		scopes?: string[];
		pkce?: { required: () => boolean };
		features?: Record<string, { enabled: boolean }>;
		findAccount?: (
			ctx: KoaContextWithOIDC,
			id: string
		) => Account | undefined | Promise<Account | undefined>;
		loadExistingGrant?: (ctx: KoaContextWithOIDC) => Promise<Grant | undefined>;
	};

	export default class Provider {
		constructor(issuer: string, configuration?: Configuration);
		use(middleware: (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>): void;
		callback(): (
			req: import('node:http').IncomingMessage,
			res: import('node:http').ServerResponse
		) => void;
	}
}
