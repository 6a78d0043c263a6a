import { afterEach, describe, expect, it, vi } from 'vitest';
import { serverClock } from '$lib/journeys/clock';

describe('the clock values are stamped with', () => {
	afterEach(() => vi.useRealTimers());

	it("reads the server's time, carried forward by the browser's clock", () => {
		vi.useFakeTimers();
		// The browser's clock is five minutes behind the server's.
		vi.setSystemTime(1_000_000);
		const now = serverClock(1_300_000);
		expect(now()).toBe(1_300_000);
		vi.advanceTimersByTime(2_500);
		expect(now()).toBe(1_302_500);
	});

	it('takes the moment the server time was read from the caller', () => {
		vi.useFakeTimers();
		vi.setSystemTime(2_000_000);
		// Read at browser time 1,990,000 (ten seconds ago), when the server said 5,000,000.
		expect(serverClock(5_000_000, 1_990_000)()).toBe(5_010_000);
	});
});
