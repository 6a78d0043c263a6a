// Two production servers (`node server.js` on the build) on one PostgreSQL database and one Redis:
// a facilitator moves the stage through one, and a participant's live-session stream (the real
// server-sent events route) on the other hears it. Needs the build (CI makes it before the tests).
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SESSION_COOKIE } from '$lib/server/auth/cookies';
import { canRunInstances, openEventStream } from '../../utils/scale-instances';
import { startProductionServer, type ProductionServer } from '../../utils/production-server';
import { sessionWorld } from '../../utils/session-factories';

const buildDir = resolve('build');
const hasBuild = existsSync(resolve(buildDir, 'handler.js'));

it.runIf(canRunInstances && !hasBuild && Boolean(process.env.CI))('has a build under CI', () => {
	expect(hasBuild, 'build/ must exist: run npm run build first').toBe(true);
});

describe.runIf(canRunInstances && hasBuild)('the app on two instances', () => {
	const servers: ProductionServer[] = [];

	beforeAll(async () => {
		const shared = {
			env: { DATABASE_URL: process.env.DATABASE_URL },
			remove: () => Promise.resolve()
		};
		const prefix = `fb-test-${randomBytes(4).toString('hex')}:`;
		for (let i = 0; i < 2; i++) {
			servers.push(
				await startProductionServer(buildDir, (port) => `http://127.0.0.1:${port}`, {
					database: shared,
					env: () => ({
						REDIS_URL: process.env.REDIS_URL,
						REDIS_PREFIX: prefix,
						MAIL_WORKER: 'off'
					})
				})
			);
		}
	}, 300_000);

	afterAll(async () => {
		await Promise.all(servers.map((server) => server.stop()));
	});

	it('shows a stage moved on one instance to a participant listening on the other', async () => {
		const world = await sessionWorld();
		const [a, b] = servers;
		const stream = openEventStream(`${b.url}/s/${world.sessionId}/events`, {
			cookie: `${SESSION_COOKIE}=${world.accounts.alice.token}`
		});
		try {
			await vi.waitFor(() => expect(stream.text()).toContain('retry:'), { timeout: 15_000 });
			const moved = await fetch(`${a.url}/s/${world.sessionId}?/stage`, {
				method: 'POST',
				headers: {
					cookie: `${SESSION_COOKIE}=${world.accounts.admin.token}`,
					origin: a.origin,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'application/json',
					'x-sveltekit-action': 'true'
				},
				body: 'stage=themes'
			});
			expect(moved.status).toBe(200);
			expect(await moved.text()).toContain('"type":"success"');
			await vi.waitFor(() => expect(stream.text()).toContain('"topic":"session"'), {
				timeout: 15_000
			});
		} finally {
			stream.close();
		}
	});
});
