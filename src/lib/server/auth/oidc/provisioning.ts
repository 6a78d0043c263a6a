import { and, eq } from 'drizzle-orm';
import type { Language } from '$lib/validation/fields';
import type { DbOrTx } from '../../db';
import { departments, memberships, userIdentities, users, workspaces } from '../../db/schema';
import { DomainError } from '../../errors';
import type { ProviderPerson } from './claims';
import type { OidcDefaultRole } from './settings';

/** Where a person signing in through the provider lands, and as what they are created. */
export type Provisioning = {
	workspaceId: string;
	defaultRole: OidcDefaultRole;
	language: Language;
};

/** The id of the workspace's department of this name, created when it does not exist yet. */
async function departmentNamed(tx: DbOrTx, workspaceId: string, name: string): Promise<string> {
	await tx.insert(departments).values({ workspaceId, name }).onConflictDoNothing();
	const [row] = await tx
		.select({ id: departments.id })
		.from(departments)
		.where(and(eq(departments.workspaceId, workspaceId), eq(departments.name, name)));
	if (!row) throw new Error(`department ${name} vanished while it was being created`);
	return row.id;
}

/**
 * The user of an identity not seen before. An account with the same e-mail is linked to it only
 * when the provider says it verified the address (the domain was already checked against the
 * allow-list): the company's provider is then trusted to know who owns that mailbox, and the
 * person keeps their password, roles and history. An unverified e-mail never takes over an
 * account. Otherwise a new user without a password is created.
 */
async function userForNewIdentity(
	tx: DbOrTx,
	person: ProviderPerson,
	language: Language
): Promise<string> {
	if (!person.email) throw new DomainError('oidc_email_missing', 403);
	const [existing] = await tx
		.select({ id: users.id })
		.from(users)
		.where(eq(users.email, person.email));
	if (existing) {
		if (!person.emailVerified) throw new DomainError('oidc_account_conflict', 409);
		const [linked] = await tx
			.select({ subject: userIdentities.subject })
			.from(userIdentities)
			.where(and(eq(userIdentities.userId, existing.id), eq(userIdentities.issuer, person.issuer)));
		if (linked) throw new DomainError('oidc_account_conflict', 409);
		return existing.id;
	}
	const name = person.name ?? person.email.slice(0, person.email.indexOf('@'));
	const [created] = await tx
		.insert(users)
		.values({ email: person.email, name, passwordHash: null, language })
		.returning({ id: users.id });
	return created.id;
}

/**
 * Finds or creates the user of this identity (by issuer and `sub`), makes them a member of the
 * provider's workspace if they are not (with the default role), and sets their department there
 * from the claim (created by name when needed; an absent claim leaves it as it is, an empty one
 * clears it). An existing member keeps their role. Returns the user's id.
 */
export async function provisionPerson(
	tx: DbOrTx,
	person: ProviderPerson,
	provisioning: Provisioning,
	now = new Date()
): Promise<string> {
	const { workspaceId } = provisioning;
	const [workspace] = await tx
		.select({ id: workspaces.id })
		.from(workspaces)
		.where(eq(workspaces.id, workspaceId));
	if (!workspace) throw new DomainError('oidc_not_configured', 503);
	const [identity] = await tx
		.select({ userId: userIdentities.userId })
		.from(userIdentities)
		.where(
			and(eq(userIdentities.issuer, person.issuer), eq(userIdentities.subject, person.subject))
		);
	let userId: string;
	if (identity) {
		userId = identity.userId;
		await tx
			.update(userIdentities)
			.set({ email: person.email, lastSignInAt: now })
			.where(
				and(eq(userIdentities.issuer, person.issuer), eq(userIdentities.subject, person.subject))
			);
	} else {
		userId = await userForNewIdentity(tx, person, provisioning.language);
		await tx.insert(userIdentities).values({
			issuer: person.issuer,
			subject: person.subject,
			userId,
			email: person.email,
			createdAt: now,
			lastSignInAt: now
		});
	}
	const departmentId =
		person.department === undefined
			? undefined
			: person.department === null
				? null
				: await departmentNamed(tx, workspaceId, person.department);
	const [membership] = await tx
		.select({ departmentId: memberships.departmentId, deactivatedAt: memberships.deactivatedAt })
		.from(memberships)
		.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
	// An admin deactivated them (they left): the provider still knowing them does not bring them back.
	if (membership?.deactivatedAt) throw new DomainError('account_deactivated', 403);
	if (!membership) {
		await tx.insert(memberships).values({
			workspaceId,
			userId,
			role: provisioning.defaultRole,
			departmentId: departmentId ?? null
		});
	} else if (departmentId !== undefined && departmentId !== membership.departmentId) {
		await tx
			.update(memberships)
			.set({ departmentId })
			.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
	}
	return userId;
}
