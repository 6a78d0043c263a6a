// DRAIN_DELAY_MS as the drain reads it.
import { describe, expect, it } from 'vitest';
import { drainDelayMs } from '$lib/server/ops/drain';

describe('DRAIN_DELAY_MS', () => {
	it('is a whole number of milliseconds, 2000 when unset or unusable', () => {
		expect(drainDelayMs('250')).toBe(250);
		expect(drainDelayMs('0')).toBe(0);
		for (const bad of [undefined, '', 'soon', '-5', '1.5']) expect(drainDelayMs(bad)).toBe(2_000);
	});
});
