import { describe, expect, it } from 'vitest';
import { readSignInSettings } from '$lib/server/auth/oidc/settings';

const WORKSPACE = '6f1c2b1e-8a4d-4c3e-9b7a-2d5e6f7a8b9c';
const complete = {
	OIDC_ISSUER: 'https://login.example.com/realms/acme',
	OIDC_CLIENT_ID: 'focusboard',
	OIDC_CLIENT_SECRET: 's3cret',
	OIDC_WORKSPACE_ID: WORKSPACE
};

describe('sign-in settings from the environment', () => {
	it('has no provider and password sign-in without OIDC_ISSUER, even when passwords are switched off', () => {
		expect(readSignInSettings({ PASSWORD_SIGN_IN: 'off' })).toEqual({
			oidc: null,
			passwordSignIn: true
		});
	});

	it('reads a provider with its defaults', () => {
		expect(readSignInSettings(complete)).toEqual({
			oidc: {
				issuer: complete.OIDC_ISSUER,
				clientId: 'focusboard',
				clientSecret: 's3cret',
				workspaceId: WORKSPACE,
				allowedDomains: [],
				departmentClaim: 'department',
				defaultRole: 'reader',
				scopes: 'openid email profile'
			},
			passwordSignIn: true
		});
	});

	it('reads domains, claim, role, scopes and the password switch', () => {
		const settings = readSignInSettings({
			...complete,
			OIDC_ALLOWED_DOMAINS: 'Acme.com, @acme.bg  clinic.ru',
			OIDC_DEPARTMENT_CLAIM: 'dept',
			OIDC_DEFAULT_ROLE: 'member',
			OIDC_SCOPES: 'email profile groups',
			PASSWORD_SIGN_IN: 'off'
		});
		expect(settings.passwordSignIn).toBe(false);
		expect(settings.oidc).toMatchObject({
			allowedDomains: ['acme.com', 'acme.bg', 'clinic.ru'],
			departmentClaim: 'dept',
			defaultRole: 'member',
			scopes: 'email profile groups openid'
		});
	});

	it('refuses a half-configured provider and an admin default role', () => {
		expect(() => readSignInSettings({ OIDC_ISSUER: complete.OIDC_ISSUER })).toThrow(
			/OIDC_CLIENT_ID/
		);
		expect(() => readSignInSettings({ ...complete, OIDC_WORKSPACE_ID: 'acme' })).toThrow(
			/OIDC_WORKSPACE_ID/
		);
		expect(() => readSignInSettings({ ...complete, OIDC_DEFAULT_ROLE: 'admin' })).toThrow(
			/OIDC_DEFAULT_ROLE/
		);
	});
});
