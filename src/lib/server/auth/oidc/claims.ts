import { emailField, NAME_MAX } from '$lib/validation/fields';
import { DomainError } from '../../errors';

/** The person the identity provider vouched for, as Focusboard uses them. */
export type ProviderPerson = {
	issuer: string;
	/** The provider's stable id of the person (`sub`). */
	subject: string;
	/** Lower-cased; null when the provider sent none or a malformed one. */
	email: string | null;
	/** `email_verified` was true: the provider checked that the person owns the address. */
	emailVerified: boolean;
	name: string | null;
	/** Department name from the configured claim: undefined when the claim is absent, null when empty. */
	department: string | null | undefined;
};

type Claims = Record<string, unknown>;

function firstString(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value.find((item): item is string => typeof item === 'string');
	return undefined;
}

/** Reads the person out of verified claims (the ID token's, completed by userinfo's). */
export function personFromClaims(
	issuer: string,
	claims: Claims,
	departmentClaim: string
): ProviderPerson {
	const subject = typeof claims.sub === 'string' ? claims.sub : '';
	if (!subject) throw new DomainError('oidc_token_invalid', 400);
	const email = emailField.safeParse(claims.email);
	const name = firstString(claims.name)?.trim().slice(0, NAME_MAX) || null;
	const departmentValue =
		departmentClaim in claims ? firstString(claims[departmentClaim]) : undefined;
	const department =
		departmentValue === undefined && !(departmentClaim in claims)
			? undefined
			: departmentValue?.trim().slice(0, NAME_MAX) || null;
	return {
		issuer,
		subject,
		email: email.success ? email.data : null,
		emailVerified: claims.email_verified === true || claims.email_verified === 'true',
		name,
		department
	};
}

/** The domain of an e-mail address, lower-cased. */
export function emailDomain(email: string): string {
	return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Refuses a person whose e-mail is missing, not verified by the provider (`email_verified`), or
 * outside the allowed domains (exact match, no subdomains): an address the person could type in
 * themselves at the provider must not open the door. With no allowed domains configured, any
 * person the provider signs in will do.
 */
export function checkAllowedDomain(person: ProviderPerson, allowedDomains: string[]): void {
	if (!allowedDomains.length) return;
	if (!person.email || !person.emailVerified) throw new DomainError('oidc_email_missing', 403);
	if (!allowedDomains.includes(emailDomain(person.email)))
		throw new DomainError('oidc_domain_not_allowed', 403);
}
