import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { departments, invites, memberships, workspaces } from '../db/schema';
import { insertUser, type NewAccount } from '../auth/accounts';
import { createSession, generateToken, hashToken } from '../auth/session';
import { conflict, DomainError, notFound } from '../errors';
import { type Role } from './access';
import { assertDepartmentIn } from './members';
import { requireAllowed } from '../policies';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Admin only: a single-use link that lets one person join with the given role and department. */
export async function createInvite(
	db: Db,
	actorId: string,
	workspaceId: string,
	input: { role: Role; departmentId: string | null; label: string | null; days: number },
	now = new Date()
): Promise<{ id: string; token: string; expiresAt: Date }> {
	await requireAllowed(db, actorId, workspaceId, 'manageMembers');
	await assertDepartmentIn(db, workspaceId, input.departmentId);
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + input.days * DAY_MS);
	const [row] = await db
		.insert(invites)
		.values({
			workspaceId,
			tokenHash: hashToken(token),
			role: input.role,
			departmentId: input.departmentId,
			label: input.label,
			createdBy: actorId,
			expiresAt
		})
		.returning({ id: invites.id });
	return { id: row.id, token, expiresAt };
}

/** Admin only: invites not yet used, revoked or expired. */
export async function listPendingInvites(
	db: Db,
	actorId: string,
	workspaceId: string,
	now = new Date()
) {
	await requireAllowed(db, actorId, workspaceId, 'manageMembers');
	return db
		.select({
			id: invites.id,
			role: invites.role,
			label: invites.label,
			departmentName: departments.name,
			expiresAt: invites.expiresAt
		})
		.from(invites)
		.leftJoin(departments, eq(departments.id, invites.departmentId))
		.where(
			and(
				eq(invites.workspaceId, workspaceId),
				isNull(invites.usedAt),
				isNull(invites.revokedAt),
				gt(invites.expiresAt, now)
			)
		)
		.orderBy(desc(invites.createdAt));
}

export async function revokeInvite(db: Db, actorId: string, workspaceId: string, inviteId: string) {
	await requireAllowed(db, actorId, workspaceId, 'manageMembers');
	const rows = await db
		.update(invites)
		.set({ revokedAt: new Date() })
		.where(
			and(eq(invites.id, inviteId), eq(invites.workspaceId, workspaceId), isNull(invites.usedAt))
		)
		.returning({ id: invites.id });
	if (!rows.length) throw notFound();
}

type InviteRow = typeof invites.$inferSelect;

function assertUsable(invite: InviteRow | undefined, now: Date): asserts invite is InviteRow {
	if (!invite || invite.revokedAt) throw new DomainError('invite_invalid', 404);
	if (invite.usedAt) throw new DomainError('invite_used', 410);
	if (invite.expiresAt.getTime() <= now.getTime()) throw new DomainError('invite_expired', 410);
}

/** What the invite page shows before someone accepts; throws when the link cannot be used. */
export async function describeInvite(db: Db, token: string, now = new Date()) {
	const [row] = await db
		.select({ invite: invites, workspaceName: workspaces.name })
		.from(invites)
		.innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
		.where(eq(invites.tokenHash, hashToken(token)));
	assertUsable(row?.invite, now);
	return {
		workspaceId: row.invite.workspaceId,
		workspaceName: row.workspaceName,
		role: row.invite.role
	};
}

/** Marks the invite used by `userId` and adds the membership; the row lock makes a link single-use. */
async function redeem(tx: Tx, token: string, userId: string, now: Date) {
	const [invite] = await tx
		.select()
		.from(invites)
		.where(eq(invites.tokenHash, hashToken(token)))
		.for('update');
	assertUsable(invite, now);
	const [existing] = await tx
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.workspaceId, invite.workspaceId), eq(memberships.userId, userId)));
	if (existing) throw conflict('already_member');
	await tx.update(invites).set({ usedAt: now, usedBy: userId }).where(eq(invites.id, invite.id));
	await tx.insert(memberships).values({
		workspaceId: invite.workspaceId,
		userId,
		role: invite.role,
		departmentId: invite.departmentId
	});
	return invite.workspaceId;
}

/** A signed-in user accepts an invite. */
export async function acceptInvite(db: Db, token: string, userId: string, now = new Date()) {
	return db.transaction((tx) => redeem(tx, token, userId, now));
}

/** A new person creates an account through an invite, joins and is signed in, all or nothing. */
export async function signUpWithInvite(
	db: Db,
	token: string,
	account: NewAccount,
	now = new Date()
) {
	await describeInvite(db, token, now);
	return db.transaction(async (tx) => {
		const userId = await insertUser(tx, account);
		const workspaceId = await redeem(tx, token, userId, now);
		const session = await createSession(tx, userId);
		return { userId, workspaceId, ...session };
	});
}
