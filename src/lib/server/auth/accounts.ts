import { eq } from 'drizzle-orm';
import type { Language } from '$lib/validation/fields';
import type { Db, DbOrTx } from '../db';
import { memberships, users, workspaces } from '../db/schema';
import { conflict, DomainError, isUniqueViolation } from '../errors';
import { hashPassword, verifyPassword } from './password';
import { createSession, invalidateUserSessions } from './session';
import { hashClientAddress } from './client-address';
import { isKnownAddress, rememberAddress } from './known-addresses';
import { signInThrottlePlan } from './sign-in-throttle';
import { reserveAttempt, settleSuccess } from './throttle';
import { isDeactivatedEverywhere } from '../workspaces/access';

export type NewAccount = { name: string; email: string; password: string; language: Language };

/** Inserts a user; a taken e-mail is a field error, also when two sign-ups race. */
export async function insertUser(tx: DbOrTx, account: NewAccount): Promise<string> {
	const passwordHash = await hashPassword(account.password);
	try {
		const [user] = await tx
			.insert(users)
			.values({
				name: account.name,
				email: account.email,
				passwordHash,
				language: account.language
			})
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
	const existing = await db
		.select({ id: users.id })
		.from(users)
		.where(eq(users.email, input.email));
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

/** What a person types into the sign-in form, and the address it comes from (`getClientAddress()`). */
export type SignInCredentials = { email: string; password: string; clientAddress: string };

/**
 * Checks credentials and opens a session. One message for unknown e-mail and wrong password;
 * after repeated failures on the account or from the address each attempt must wait, whether or
 * not the password is right (see `sign-in-throttle.ts` for which failures count where).
 */
export async function signIn(db: Db, credentials: SignInCredentials, now = new Date()) {
	const { email, password } = credentials;
	const [user] = await db
		.select({ id: users.id, passwordHash: users.passwordHash, language: users.language })
		.from(users)
		.where(eq(users.email, email));
	const addressHash = hashClientAddress(credentials.clientAddress);
	const knownAddress = user ? await isKnownAddress(db, user.id, addressHash, now) : false;
	const plan = signInThrottlePlan({ email, addressHash, knownAddress });
	const wait = await reserveAttempt(db, plan.counters, now);
	if (wait > 0) throw new DomainError('too_many_attempts', 429, 'form', { seconds: wait });
	const ok = await verifyPassword(user?.passwordHash ?? null, password);
	if (!ok || !user) throw new DomainError('invalid_credentials', 400);
	// A right password is no guess, also when its account may no longer come in.
	await settleSuccess(db, plan.counters, plan.clearedOnSuccess);
	if (await isDeactivatedEverywhere(db, user.id)) throw new DomainError('account_deactivated', 400);
	await rememberAddress(db, user.id, addressHash, now);
	const session = await createSession(db, user.id);
	return { userId: user.id, language: user.language, ...session };
}

export async function updateProfile(
	db: Db,
	userId: string,
	profile: { name: string; language: Language }
) {
	await db.update(users).set(profile).where(eq(users.id, userId));
}

export async function setLanguage(db: Db, userId: string, language: Language) {
	await db.update(users).set({ language }).where(eq(users.id, userId));
}

/** Changes the password after checking the current one; signs out every other session. */
export async function changePassword(
	db: Db,
	userId: string,
	currentPassword: string,
	newPassword: string
) {
	const [user] = await db
		.select({ passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.id, userId));
	if (!user || !(await verifyPassword(user.passwordHash, currentPassword)))
		throw new DomainError('invalid_credentials', 400, 'currentPassword');
	const passwordHash = await hashPassword(newPassword);
	return db.transaction(async (tx) => {
		await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
		await invalidateUserSessions(tx, userId);
		return createSession(tx, userId);
	});
}
