// /healthz answers while the process lives; /readyz answers 200 only while every registered
// dependency answers (the real database here) and the process is not draining.
import { createConnection } from 'node:net';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { request, testOps } from '../../utils/ops-http';

/** A dependency nobody listens for: a TCP connection to a closed port. */
function closedPort(): Promise<void> {
	return new Promise((resolve, reject) => {
		const socket = createConnection({ host: '127.0.0.1', port: 1 });
		socket.once('connect', () => {
			socket.destroy();
			resolve();
		});
		socket.once('error', reject);
	});
}

describe('probes', () => {
	it('/healthz says alive without a session', async () => {
		const { ops } = testOps(undefined);
		const response = await request(ops, '/healthz');
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok' });
	});

	it('/readyz is 200 while the database answers, 503 naming a dependency that does not', async () => {
		const { ops } = testOps(undefined);
		ops.readiness.register({ name: 'database', check: () => db.execute(sql`select 1`) });
		const ready = await request(ops, '/readyz');
		expect(ready.status).toBe(200);
		expect(await ready.json()).toEqual({ status: 'ready', failed: [] });

		ops.readiness.register({ name: 'redis', check: closedPort });
		const unready = await request(ops, '/readyz');
		expect(unready.status).toBe(503);
		expect(await unready.json()).toEqual({ status: 'unavailable', failed: ['redis'] });
	});

	it('/readyz fails with "draining" as soon as the drain starts', async () => {
		const { ops } = testOps(undefined);
		ops.readiness.register({ name: 'database', check: () => db.execute(sql`select 1`) });
		ops.readiness.startDraining();
		const response = await request(ops, '/readyz');
		expect(response.status).toBe(503);
		expect(await response.json()).toMatchObject({ status: 'draining' });
	});
});
