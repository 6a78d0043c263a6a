import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/** The eight 16-bit groups of an IPv6 address (valid per `isIPv6`), an embedded IPv4 tail included. */
function ipv6Groups(address: string): number[] {
	const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
	const parts = (text: string | undefined) => (text ? text.split(':') : []);
	const toGroups = (part: string): number[] => {
		if (!isIPv4(part)) return [parseInt(part, 16)];
		const [a = 0, b = 0, c = 0, d = 0] = part.split('.').map(Number);
		return [(a << 8) | b, (c << 8) | d];
	};
	const left = parts(head).flatMap(toGroups);
	const right = parts(tail).flatMap(toGroups);
	const gap = tail === undefined ? 0 : 8 - left.length - right.length;
	return [...left, ...Array<number>(gap).fill(0), ...right];
}

/**
 * The network a sign-in attempt comes from, as the throttle counts it: an IPv4 address as it is
 * (an IPv4-mapped IPv6 one too), an IPv6 address as its /64 prefix, since one subscriber usually
 * holds a whole /64 and could otherwise try from a new address every time.
 */
export function normalizeClientAddress(address: string): string {
	const bare = address.trim().toLowerCase().split('%')[0] ?? '';
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare)?.[1];
	if (mapped && isIPv4(mapped)) return mapped;
	if (isIPv4(bare) || !isIPv6(bare)) return bare;
	const prefix = ipv6Groups(bare)
		.slice(0, 4)
		.map((group) => group.toString(16))
		.join(':');
	return `${prefix}::/64`;
}

/** SHA-256 (hex) of the normalized client address: what the sign-in tables store instead of the address. */
export function hashClientAddress(address: string): string {
	return createHash('sha256').update(normalizeClientAddress(address)).digest('hex');
}
