import { eq } from 'drizzle-orm';
import type { Language } from '$lib/validation/fields';
import type { Db, DbOrTx } from '../db';
import { memberships, users, workspaces } from '../db/schema';
import { conflict, DomainError, isUniqueViolation } from '../errors';
import { hashPassword, verifyPassword } from './password';
import { createSession, invalidateUserSessions } from './session';
import { clearFailures, recordFailure, secondsUntilAllowed } from './throttle';

export type NewAccount = { name: string; email: string; password: string; language: Language };

/** Inserts a user; a taken e-mail is a field error, also when two sign-ups race. */
export async function insertUser(tx: DbOrTx, account: NewAccount): Promise<string> {
	const passwordHash = await hashPassword(account.password);
	try {
		const [user] = await tx
			.insert(users)
			.values({ name: account.name, email: account.email, passwordHash, language: account.language })
			.returning({ id: users.id });
		return user.id;
	} catch (error) {
		if (isUniqueViolation(error)) throw conflict('email_taken', 'email');
		throw error;
	}
}

/** Creates a user, their new workspace and their admin membership, all or nothing; signs them in. */
export async function signUpWithWorkspace(
	db: Db,
	input: NewAccount & { workspaceName: string }
): Promise<{ userId: string; workspaceId: string; token: string; expiresAt: Date }> {
	const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
	if (existing.length) throw conflict('email_taken', 'email');
	return db.transaction(async (tx) => {
		const userId = await insertUser(tx, input);
		const [workspace] = await tx
			.insert(workspaces)
			.values({ name: input.workspaceName })
			.returning({ id: workspaces.id });
		await tx.insert(memberships).values({ workspaceId: workspace.id, userId, role: 'admin' });
		const session = await createSession(tx, userId);
		return { userId, workspaceId: workspace.id, ...session };
	});
}

/** Throttle key for an e-mail address. */
const throttleKey = (email: string) => `email:${email}`;

/**
 * Checks credentials and opens a session. One message for unknown e-mail and wrong password;
 * after repeated failures each attempt must wait, whether or not the password is right.
 */
export async function signIn(db: Db, email: string, password: string) {
	const wait = await secondsUntilAllowed(db, throttleKey(email));
	if (wait > 0) throw new DomainError('too_many_attempts', 429, 'form', { seconds: wait });
	const [user] = await db
		.select({ id: users.id, passwordHash: users.passwordHash, language: users.language })
		.from(users)
		.where(eq(users.email, email));
	const ok = await verifyPassword(user?.passwordHash ?? null, password);
	if (!ok || !user) {
		await recordFailure(db, throttleKey(email));
		throw new DomainError('invalid_credentials', 400);
	}
	await clearFailures(db, throttleKey(email));
	const session = await createSession(db, user.id);
	return { userId: user.id, language: user.language, ...session };
}

export async function updateProfile(db: Db, userId: string, profile: { name: string; language: Language }) {
	await db.update(users).set(profile).where(eq(users.id, userId));
}

export async function setLanguage(db: Db, userId: string, language: Language) {
	await db.update(users).set({ language }).where(eq(users.id, userId));
}

/** Changes the password after checking the current one; signs out every other session. */
export async function changePassword(db: Db, userId: string, currentPassword: string, newPassword: string) {
	const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
	if (!user || !(await verifyPassword(user.passwordHash, currentPassword)))
		throw new DomainError('invalid_credentials', 400, 'currentPassword');
	const passwordHash = await hashPassword(newPassword);
	return db.transaction(async (tx) => {
		await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
		await invalidateUserSessions(tx, userId);
		return createSession(tx, userId);
	});
}
