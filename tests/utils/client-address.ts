import { randomInt } from 'node:crypto';

/** A client address no other test uses (in 10.0.0.0/8), so that tests never share an address counter. */
export function uniqueClientAddress(): string {
	return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}
