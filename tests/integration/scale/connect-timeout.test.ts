// An instance whose Redis does not answer at start-up gives up after REDIS_CONNECT_TIMEOUT_MS with
// an error that names Redis (and not its password), instead of waiting for ever without a word.
import { describe, expect, it } from 'vitest';
import { readScaleConfig, startScale } from '$lib/server/scale';

/** Nothing listens on port 1 of this machine. */
const NOBODY = 'redis://focusboard:secret-password@127.0.0.1:1';

describe('start-up without Redis', () => {
	it('fails after the timeout with a clear error that hides the password', async () => {
		const config = readScaleConfig({ REDIS_URL: NOBODY, REDIS_CONNECT_TIMEOUT_MS: '700' });
		expect(config?.connectTimeoutMs).toBe(700);
		const started = startScale(config!);
		await expect(started).rejects.toThrow(
			/^Redis at redis:\/\/focusboard:\*\*\*@127\.0\.0\.1:1 did not answer within 0\.7 s/
		);
		await expect(started).rejects.not.toThrow(/secret-password/);
	});

	it('refuses a timeout that is not a whole number of milliseconds', () => {
		expect(() => readScaleConfig({ REDIS_URL: NOBODY, REDIS_CONNECT_TIMEOUT_MS: '5s' })).toThrow(
			'REDIS_CONNECT_TIMEOUT_MS must be a whole number of milliseconds, not "5s"'
		);
		expect(readScaleConfig({ REDIS_URL: NOBODY })?.connectTimeoutMs).toBe(30_000);
	});
});
