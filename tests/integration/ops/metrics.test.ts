// Metrics: behind a bearer token on the app's port (404 without METRICS_TOKEN, 401 without the
// token), and the sync figures move when stock y-websocket clients edit a real test server.
// Every other request gets an id (echoed) and one log line with its route id, never its cookies.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultConfiguration } from '$lib/server/sync';
import { createAdmin, createMember } from '../../utils/factories';
import { connectClient, type TestClient } from '../../utils/sync-client';
import { startTestServer, testRoom, type TestSyncServer } from '../../utils/sync-server';
import { metricValue, request, testOps } from '../../utils/ops-http';

const TOKEN = 'metrics-token-for-tests';
const { ops, lines } = testOps(TOKEN);
let server: TestSyncServer;
const clients: TestClient[] = [];

beforeAll(async () => {
	server = await startTestServer({
		hooks: {
			storeUpdates: ops.metrics.timeStore((input) => defaultConfiguration.hooks.storeUpdates(input))
		}
	});
	ops.metrics.watchSync(() => server.sync.stats());
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server.close();
});

async function scrape(): Promise<string> {
	const response = await request(ops, '/metrics', { authorization: `Bearer ${TOKEN}` });
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toContain('text/plain');
	return response.text();
}

describe('/metrics', () => {
	it('is 404 when no token is configured and 401 without the right bearer token', async () => {
		const { ops: withoutToken } = testOps(undefined);
		expect((await request(withoutToken, '/metrics')).status).toBe(404);
		expect((await request(ops, '/metrics')).status).toBe(401);
		expect((await request(ops, '/metrics', { authorization: 'Bearer wrong' })).status).toBe(401);
		expect((await request(ops, '/metrics', { authorization: TOKEN })).status).toBe(401);
		const text = await scrape();
		expect(text).toContain('focusboard_sync_connections');
	});

	it('counts connections, rooms, stored and relayed updates and store batches after an edit', async () => {
		const before = await scrape();
		const stored = metricValue(before, 'focusboard_sync_updates_stored_total') ?? 0;
		const relayed = metricValue(before, 'focusboard_sync_updates_relayed_total') ?? 0;
		expect(metricValue(before, 'focusboard_sync_connections')).toBe(0);

		const admin = await createAdmin();
		const member = await createMember(admin);
		const room = testRoom(admin.workspaceId);
		const writer = connectClient(server, room, admin.token);
		const reader = connectClient(server, room, member.token);
		clients.push(writer, reader);
		await Promise.all([writer.synced(), reader.synced()]);
		writer.doc.getText('text').insert(0, 'hello metrics');
		await vi.waitFor(() => expect(reader.doc.getText('text').toJSON()).toBe('hello metrics'));

		const after = await scrape();
		expect(metricValue(after, 'focusboard_sync_connections')).toBe(2);
		expect(metricValue(after, 'focusboard_sync_rooms')).toBe(1);
		expect(metricValue(after, 'focusboard_sync_store_queue_updates')).toBe(0);
		expect(metricValue(after, 'focusboard_sync_updates_stored_total')).toBeGreaterThan(stored);
		expect(metricValue(after, 'focusboard_sync_updates_relayed_total')).toBeGreaterThan(relayed);
		expect(
			metricValue(after, 'focusboard_sync_store_seconds_count', 'outcome="stored"')
		).toBeGreaterThan(0);
		expect(metricValue(after, 'focusboard_sync_store_batch_rows_count')).toBeGreaterThan(0);
		// Document contents never reach the metrics.
		expect(after).not.toContain('hello metrics');
	});
});

describe('requests', () => {
	it('get an id (the client’s when sane), a duration by route id and a log line without secrets', async () => {
		const cookie = 'focusboard_session=secret-session-value';
		const echoed = await request(ops, '/w/abc', { 'x-request-id': 'lb-1234', cookie });
		expect(echoed.headers.get('x-request-id')).toBe('lb-1234');
		const replaced = await request(ops, '/w/abc', { 'x-request-id': 'bad id\r\n' });
		expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

		const line = lines.find((entry) => entry.includes('"lb-1234"'));
		expect(line).toBeDefined();
		expect(JSON.parse(line ?? '{}')).toMatchObject({
			requestId: 'lb-1234',
			method: 'GET',
			route: '/w/[ws=uuid]',
			status: 200,
			msg: 'request'
		});
		expect(lines.join('')).not.toContain('secret-session-value');

		const text = await scrape();
		expect(
			metricValue(
				text,
				'focusboard_http_request_duration_seconds_count',
				'route="/w/[ws=uuid]",method="GET",status="200"'
			)
		).toBe(2);
	});
});
