import { describe, expect, it } from 'vitest';
import { hashClientAddress, normalizeClientAddress } from '$lib/server/auth/client-address';

describe('client address as the sign-in throttle counts it', () => {
	it('keeps an IPv4 address, also one written as IPv4-mapped IPv6', () => {
		expect(normalizeClientAddress('203.0.113.7')).toBe('203.0.113.7');
		expect(normalizeClientAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
	});

	it('counts a whole IPv6 /64 as one address, however it is written', () => {
		const prefix = '2001:db8:0:1::/64';
		expect(normalizeClientAddress('2001:db8:0:1::1')).toBe(prefix);
		expect(normalizeClientAddress('2001:0DB8:0000:0001:abcd:ef01:2345:6789')).toBe(prefix);
		expect(normalizeClientAddress('2001:db8:0:1:1::%eth0')).toBe(prefix);
		expect(normalizeClientAddress('::1')).toBe('0:0:0:0::/64');
		expect(normalizeClientAddress('64:ff9b::203.0.113.7')).toBe('64:ff9b:0:0::/64');
	});

	it('stores only a SHA-256 of it, the same for every spelling', () => {
		const hash = hashClientAddress('2001:db8:0:1::1');
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
		expect(hash).not.toContain('2001');
		expect(hashClientAddress('2001:db8:0:1:ffff::')).toBe(hash);
		expect(hashClientAddress('2001:db8:0:2::1')).not.toBe(hash);
	});
});
