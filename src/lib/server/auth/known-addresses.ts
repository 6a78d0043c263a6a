import { and, eq, gt, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { signInKnownAddresses } from '../db/schema';
import { hashClientAddress } from './client-address';

/** An address counts as known this long after the last right password from it. */
export const KNOWN_ADDRESS_TTL_MS = 90 * 24 * 60 * 60 * 1000;

const knownSince = (now: Date) => new Date(now.getTime() - KNOWN_ADDRESS_TTL_MS);

/** Whether the user signed in from this address (hash) within the last 90 days. */
export async function isKnownAddress(
	db: DbOrTx,
	userId: string,
	addressHash: string,
	now = new Date()
) {
	const [row] = await db
		.select({ userId: signInKnownAddresses.userId })
		.from(signInKnownAddresses)
		.where(
			and(
				eq(signInKnownAddresses.userId, userId),
				eq(signInKnownAddresses.addressHash, addressHash),
				gt(signInKnownAddresses.lastSignInAt, knownSince(now))
			)
		);
	return row !== undefined;
}

/** Records a right password from this address; forgets the user's addresses unused for 90 days. */
export async function rememberAddress(
	db: DbOrTx,
	userId: string,
	addressHash: string,
	now = new Date()
) {
	await db
		.insert(signInKnownAddresses)
		.values({ userId, addressHash, lastSignInAt: now })
		.onConflictDoUpdate({
			target: [signInKnownAddresses.userId, signInKnownAddresses.addressHash],
			set: { lastSignInAt: now }
		});
	await db
		.delete(signInKnownAddresses)
		.where(
			and(
				eq(signInKnownAddresses.userId, userId),
				lt(signInKnownAddresses.lastSignInAt, knownSince(now))
			)
		);
}

/** Remembers the address of someone who just chose their password (signed up): it is their usual one. */
export async function rememberClientAddress(db: DbOrTx, userId: string, clientAddress: string) {
	await rememberAddress(db, userId, hashClientAddress(clientAddress));
}
