import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { authSessions, users } from '../db/schema';

/** How long a session lives without use. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** A session used when less than this is left is extended to the full TTL (sliding expiry). */
export const SESSION_RENEW_MS = 15 * 24 * 60 * 60 * 1000;

/** The user a valid session belongs to. */
export type SessionUser = { id: string; email: string; name: string; language: string };

export type ValidatedSession = { user: SessionUser; expiresAt: Date; renewed: boolean };

/** A fresh random token for a cookie or a link: 256 bits, URL-safe. */
export function generateToken(): string {
	return randomBytes(32).toString('base64url');
}

/** What we store instead of a token. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: DbOrTx, userId: string, now = new Date()) {
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
	await db.insert(authSessions).values({ id: hashToken(token), userId, expiresAt });
	return { token, expiresAt };
}

/** Looks a token up; deletes it when expired; extends it when it is due for renewal. */
export async function validateSessionToken(
	db: DbOrTx,
	token: string,
	now = new Date()
): Promise<ValidatedSession | null> {
	const id = sessionIdOfToken(token);
	if (!id) return null;
	const [row] = await db
		.select({
			id: authSessions.id,
			expiresAt: authSessions.expiresAt,
			user: { id: users.id, email: users.email, name: users.name, language: users.language }
		})
		.from(authSessions)
		.innerJoin(users, eq(users.id, authSessions.userId))
		.where(eq(authSessions.id, id));
	if (!row || !timingSafeEqual(Buffer.from(row.id), Buffer.from(id))) return null;
	const settled = await settleSession(db, id, row.expiresAt, now);
	return settled && { user: row.user, ...settled };
}

/** The stored id of a cookie's token, or null for something that cannot be a token. */
export function sessionIdOfToken(token: string): string | null {
	return /^[A-Za-z0-9_-]{43}$/.test(token) ? hashToken(token) : null;
}

/** True while a session expiring at `expiresAt` is valid and not yet due for renewal. */
export function isSessionSettled(expiresAt: Date, now = Date.now()): boolean {
	return expiresAt.getTime() - now >= SESSION_RENEW_MS;
}

/**
 * The expiry of a session just found by `id`: null (and the row deleted) when it has expired,
 * extended to the full TTL when it is due for renewal.
 */
export async function settleSession(
	db: DbOrTx,
	id: string,
	expiresAt: Date,
	now = new Date()
): Promise<{ expiresAt: Date; renewed: boolean } | null> {
	if (expiresAt.getTime() <= now.getTime()) {
		await db.delete(authSessions).where(eq(authSessions.id, id));
		return null;
	}
	if (isSessionSettled(expiresAt, now.getTime())) return { expiresAt, renewed: false };
	const renewedUntil = new Date(now.getTime() + SESSION_TTL_MS);
	await db.update(authSessions).set({ expiresAt: renewedUntil }).where(eq(authSessions.id, id));
	return { expiresAt: renewedUntil, renewed: true };
}

export async function invalidateSession(db: DbOrTx, token: string): Promise<void> {
	await db.delete(authSessions).where(eq(authSessions.id, hashToken(token)));
}

/** Signs a user out everywhere (password change, removal). */
export async function invalidateUserSessions(db: DbOrTx, userId: string): Promise<void> {
	await db.delete(authSessions).where(eq(authSessions.userId, userId));
}
