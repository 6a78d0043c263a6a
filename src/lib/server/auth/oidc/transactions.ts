import { eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { oidcTransactions } from '../../db/schema';
import { generateToken, hashToken } from '../session';

/** How long a person may take at the identity provider before the sign-in must start again. */
export const OIDC_TRANSACTION_TTL_MS = 10 * 60 * 1000;

/** What the callback checks the provider's answer against. */
export type OidcTransaction = {
	state: string;
	nonce: string;
	codeVerifier: string;
	returnPath: string;
};

/** Stores a transaction; returns the token for the browser's cookie (only its hash is stored). */
export async function saveTransaction(
	db: DbOrTx,
	transaction: OidcTransaction,
	now = new Date()
): Promise<string> {
	await db.delete(oidcTransactions).where(lt(oidcTransactions.expiresAt, now));
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + OIDC_TRANSACTION_TTL_MS);
	await db.insert(oidcTransactions).values({ id: hashToken(token), ...transaction, expiresAt });
	return token;
}

/** Takes the transaction of this cookie token out of the store: a second call finds nothing. */
export async function takeTransaction(
	db: DbOrTx,
	token: string,
	now = new Date()
): Promise<OidcTransaction | null> {
	const [row] = await db
		.delete(oidcTransactions)
		.where(eq(oidcTransactions.id, hashToken(token)))
		.returning();
	if (!row || row.expiresAt.getTime() <= now.getTime()) return null;
	return {
		state: row.state,
		nonce: row.nonce,
		codeVerifier: row.codeVerifier,
		returnPath: row.returnPath
	};
}
