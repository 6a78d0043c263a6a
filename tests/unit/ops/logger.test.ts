// Log lines never carry cookies, authorization headers, tokens or passwords, wherever they sit in
// a logged object; request ids from clients are kept only when sane.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logLevel, requestIdOf } from '$lib/server/ops/logger';

function capture() {
	const lines: string[] = [];
	const destination = new Writable({
		write(chunk: Buffer, _encoding, done) {
			lines.push(chunk.toString());
			done();
		}
	});
	return { lines, logger: createLogger({ level: 'info', destination }) };
}

describe('the logger', () => {
	it('redacts cookies, authorization, tokens and passwords', () => {
		const { lines, logger } = capture();
		logger.info(
			{
				req: {
					method: 'GET',
					headers: { cookie: 'session=secret-cookie', authorization: 'Bearer secret-bearer' }
				},
				headers: { 'set-cookie': 'session=secret-set-cookie', cookie: 'guest=secret-guest' },
				body: { password: 'secret-password', token: 'secret-token' },
				token: 'secret-top-token'
			},
			'request'
		);
		expect(lines).toHaveLength(1);
		const line = lines[0] ?? '';
		expect(line).not.toMatch(/secret/);
		expect(line).toContain('[redacted]');
		const parsed = JSON.parse(line) as { req: { method: string }; msg: string };
		expect(parsed.req.method).toBe('GET');
		expect(parsed.msg).toBe('request');
	});

	it('takes its level from LOG_LEVEL, info when unknown', () => {
		expect(logLevel('DEBUG')).toBe('debug');
		expect(logLevel('loud')).toBe('info');
		expect(logLevel(undefined)).toBe('info');
		const { lines, logger } = capture();
		logger.debug('hidden');
		expect(lines).toHaveLength(0);
	});
});

describe('request ids', () => {
	it('keeps a sane X-Request-Id and replaces others', () => {
		expect(requestIdOf('abc-123.x:y_z')).toBe('abc-123.x:y_z');
		for (const bad of [null, '', 'a b', 'x'.repeat(101), 'id\nforged: line', '<script>']) {
			const id = requestIdOf(bad);
			expect(id).not.toBe(bad);
			expect(id).toMatch(/^[0-9a-f-]{36}$/);
		}
	});
});
