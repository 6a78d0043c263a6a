// One-click links in announcements and reminders: random tokens stored only as hashes, single use,
// expiring, bound to one person. Opening one signs that person in and shows the definition; it
// never acknowledges anything by itself (mail scanners follow links).
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { mailLinks, memberships } from '../db/schema';
import { createSession, generateToken, hashToken } from '../auth/session';

/** How long a one-click link works. */
export const LINK_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Makes a link token for one person in one workspace; only its hash is stored. */
export async function mintMailLink(
	db: DbOrTx,
	userId: string,
	workspaceId: string,
	now: Date
): Promise<string> {
	const token = generateToken();
	await db.insert(mailLinks).values({
		tokenHash: hashToken(token),
		userId,
		workspaceId,
		expiresAt: new Date(now.getTime() + LINK_DAYS * DAY_MS),
		createdAt: now
	});
	return token;
}

/** The path a link token opens. */
export const mailLinkPath = (token: string) => `/mail/open/${token}`;

/**
 * Uses a link: when it is unused, unexpired and its person is still a member, marks it used and
 * signs them in. Null otherwise (the caller sends them to the sign-in page).
 */
export async function openMailLink(
	db: DbOrTx,
	token: string,
	now = new Date()
): Promise<{ workspaceId: string; session: { token: string; expiresAt: Date } } | null> {
	const [link] = await db
		.update(mailLinks)
		.set({ usedAt: now })
		.where(
			and(
				eq(mailLinks.tokenHash, hashToken(token)),
				isNull(mailLinks.usedAt),
				gt(mailLinks.expiresAt, now)
			)
		)
		.returning({ userId: mailLinks.userId, workspaceId: mailLinks.workspaceId });
	if (!link) return null;
	const [member] = await db
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(and(eq(memberships.userId, link.userId), eq(memberships.workspaceId, link.workspaceId)));
	if (!member) return null;
	return { workspaceId: link.workspaceId, session: await createSession(db, link.userId, now) };
}
