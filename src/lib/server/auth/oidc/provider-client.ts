import * as client from 'openid-client';
import type { OidcSettings } from './settings';

/** Discovered provider configurations, one per issuer and client, shared by all requests. */
const configurations = new Map<string, Promise<client.Configuration>>();

/** Plain http is accepted only for an issuer on this machine (a test or development provider). */
function isLoopback(url: URL): boolean {
	return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * The provider's configuration for our client, discovered once per process (a failed discovery is
 * forgotten, so the next sign-in tries again). Client authentication is `client_secret_basic`.
 */
export function providerConfiguration(settings: OidcSettings): Promise<client.Configuration> {
	const key = `${settings.issuer}\n${settings.clientId}\n${settings.clientSecret}`;
	const known = configurations.get(key);
	if (known) return known;
	const issuer = new URL(settings.issuer);
	const insecure = issuer.protocol === 'http:' && isLoopback(issuer);
	const discovered = client.discovery(
		issuer,
		settings.clientId,
		undefined,
		client.ClientSecretBasic(settings.clientSecret),
		insecure ? { execute: [client.allowInsecureRequests] } : undefined
	);
	configurations.set(key, discovered);
	discovered.catch(() => configurations.delete(key));
	return discovered;
}
