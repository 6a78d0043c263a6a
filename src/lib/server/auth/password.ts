import { hash, verify } from '@node-rs/argon2';

/** argon2id at OWASP's minimum (19 MiB, 2 passes); the library's defaults are not relied upon. */
const argon2Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** A hash of a valid password, verified when the e-mail is unknown so both cases take as long. */
const decoyHash = hash('focusboard-decoy-password', argon2Options);

export function hashPassword(password: string): Promise<string> {
	return hash(password, argon2Options);
}

export async function verifyPassword(
	passwordHash: string | null,
	password: string
): Promise<boolean> {
	try {
		const ok = await verify(passwordHash ?? (await decoyHash), password);
		return ok && passwordHash !== null;
	} catch {
		return false;
	}
}
