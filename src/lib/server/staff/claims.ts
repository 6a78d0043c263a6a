// An imported person has an account with no password. Where the company's identity provider is
// not used, an admin (or the mail module, sending the invitation) hands them a claim link: with it
// they set a password and are signed in. Nothing here sends mail.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { accountClaims, memberships, users, workspaces } from '../db/schema';
import { hashPassword } from '../auth/password';
import { createSession, generateToken, hashToken } from '../auth/session';
import { DomainError, notFound } from '../errors';
import { requireAllowed } from '../policies';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a claim link stays usable. */
export const CLAIM_DAYS = 14;

/** The path of the page a claim link opens. */
export const claimPath = (token: string) => `/claim/${token}`;

/**
 * Admin only: a single-use link for a member whose account has no password yet (an imported
 * person). Returns the token once; only its hash is stored. The mail module may call this to put
 * the link into a workspace invitation.
 */
export async function createAccountClaim(
	db: Db,
	actorId: string,
	workspaceId: string,
	userId: string,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	await requireAllowed(db, actorId, workspaceId, 'manageMembers');
	const [member] = await db
		.select({ userId: users.id })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(
			and(
				eq(memberships.workspaceId, workspaceId),
				eq(memberships.userId, userId),
				isNull(memberships.deactivatedAt),
				isNull(users.passwordHash)
			)
		);
	if (!member) throw notFound();
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + CLAIM_DAYS * DAY_MS);
	await db
		.insert(accountClaims)
		.values({ workspaceId, userId, tokenHash: hashToken(token), createdBy: actorId, expiresAt });
	return { token, expiresAt };
}

type ClaimRow = typeof accountClaims.$inferSelect;

function assertUsable(claim: ClaimRow | undefined, now: Date): asserts claim is ClaimRow {
	if (!claim) throw new DomainError('invite_invalid', 404);
	if (claim.usedAt) throw new DomainError('invite_used', 410);
	if (claim.expiresAt.getTime() <= now.getTime()) throw new DomainError('invite_expired', 410);
}

/** What the claim page shows; throws when the link cannot be used. */
export async function describeAccountClaim(db: Db, token: string, now = new Date()) {
	const [row] = await db
		.select({
			claim: accountClaims,
			name: users.name,
			email: users.email,
			workspaceName: workspaces.name
		})
		.from(accountClaims)
		.innerJoin(users, eq(users.id, accountClaims.userId))
		.innerJoin(workspaces, eq(workspaces.id, accountClaims.workspaceId))
		.where(eq(accountClaims.tokenHash, hashToken(token)));
	assertUsable(row?.claim, now);
	return { name: row.name, email: row.email, workspaceName: row.workspaceName };
}

/**
 * Sets the password of the claimed account and signs its person in, once. Refused when the
 * account has a password by now (claimed another way) or the membership was deactivated.
 */
export async function claimAccount(db: Db, token: string, password: string, now = new Date()) {
	const passwordHash = await hashPassword(password);
	return db.transaction(async (tx) => {
		const [claim] = await tx
			.select()
			.from(accountClaims)
			.where(eq(accountClaims.tokenHash, hashToken(token)))
			.for('update');
		assertUsable(claim, now);
		const [member] = await tx
			.select({ passwordHash: users.passwordHash, deactivatedAt: memberships.deactivatedAt })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(
				and(eq(memberships.workspaceId, claim.workspaceId), eq(memberships.userId, claim.userId))
			);
		if (!member || member.deactivatedAt) throw new DomainError('invite_invalid', 404);
		if (member.passwordHash !== null) throw new DomainError('invite_used', 410);
		await tx.update(accountClaims).set({ usedAt: now }).where(eq(accountClaims.id, claim.id));
		await tx.update(users).set({ passwordHash }).where(eq(users.id, claim.userId));
		const session = await createSession(tx, claim.userId);
		return { userId: claim.userId, workspaceId: claim.workspaceId, ...session };
	});
}
