// Two instances on one PostgreSQL database and a Redis of the test's own, which is killed and
// started again while clients on both instances keep editing: the instances reconnect and catch
// up from the store, and every client ends with every edit.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	canRunInstances,
	startInstances,
	startPrivateRedis,
	type InstanceGroup,
	type PrivateRedis
} from '../../utils/scale-instances';
import { connectClient, type TestClient } from '../../utils/sync-client';
import { testRoom } from '../../utils/sync-server';

describe.runIf(canRunInstances)('Redis restarted mid-run', () => {
	let redis: PrivateRedis;
	let group: InstanceGroup;
	const clients: TestClient[] = [];

	beforeAll(async () => {
		redis = await startPrivateRedis();
		group = await startInstances(2, redis.url);
	}, 120_000);

	afterAll(async () => {
		for (const client of clients) client.destroy();
		await group?.stop();
		await redis?.kill();
	});

	it('loses nothing: the instances reconnect and catch up', async () => {
		const room = testRoom(group.seed.workspaceId);
		const writers = [0, 1, 0, 1].map((instance, i) => {
			const client = connectClient(group.instances[instance].target, room, group.seed.adminToken);
			clients.push(client);
			let n = 0;
			const written: string[] = [];
			const timer = setInterval(() => {
				if (!client.provider.wsconnected) return;
				const key = `w${i}-${n++}`;
				client.doc.getMap('entries').set(key, n);
				written.push(key);
			}, 15);
			return { client, written, timer };
		});
		await Promise.all(writers.map((writer) => writer.client.synced()));
		await new Promise((next) => setTimeout(next, 500));
		await redis.kill();
		// Edits go on while Redis is away: each instance stores them and tells its own clients.
		await new Promise((next) => setTimeout(next, 1_500));
		await redis.start();
		await new Promise((next) => setTimeout(next, 1_500));
		for (const writer of writers) clearInterval(writer.timer);

		const written = writers.flatMap((writer) => writer.written);
		expect(written.length).toBeGreaterThan(100);
		await vi.waitFor(
			() => {
				for (const { client } of writers)
					expect(client.doc.getMap('entries').size).toBe(written.length);
			},
			{ timeout: 20_000 }
		);
		// The connections were never closed: the catch-up came from the instances, not a resync.
		for (const { client } of writers) expect(client.closeCodes).toEqual([]);
	});
});
