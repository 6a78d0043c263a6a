// The upgrade is refused before it happens, with a plain HTTP status, when the session, the
// Origin or the workspace is wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { buildRoomName } from '$lib/sync/room';
import { createAdmin } from '../../utils/factories';
import { startTestServer, testRoom, type TestSyncServer } from '../../utils/sync-server';
import { browserHeaders, upgradeStatus } from '../../utils/sync-client';

let server: TestSyncServer;
let admin: Awaited<ReturnType<typeof createAdmin>>;
let outsider: Awaited<ReturnType<typeof createAdmin>>;

beforeAll(async () => {
	server = await startTestServer();
	admin = await createAdmin();
	outsider = await createAdmin('Olga Outsider');
});

afterAll(() => server.close());

describe('who may connect', () => {
	it('accepts a member with a session cookie from the app origin', async () => {
		const status = await upgradeStatus(
			server,
			testRoom(admin.workspaceId),
			browserHeaders(server.origin, admin.token)
		);
		expect(status).toBe(101);
	});

	it('refuses a request without a session cookie with 401', async () => {
		const status = await upgradeStatus(
			server,
			testRoom(admin.workspaceId),
			browserHeaders(server.origin, null)
		);
		expect(status).toBe(401);
	});

	it('refuses an unknown session token with 401', async () => {
		const forged = 'A'.repeat(43);
		const status = await upgradeStatus(
			server,
			testRoom(admin.workspaceId),
			browserHeaders(server.origin, forged)
		);
		expect(status).toBe(401);
	});

	it('refuses another origin, or none, with 403 even with a valid session', async () => {
		const room = testRoom(admin.workspaceId);
		expect(
			await upgradeStatus(server, room, browserHeaders('https://evil.example', admin.token))
		).toBe(403);
		expect(
			await upgradeStatus(server, room, browserHeaders('http://127.0.0.1:1', admin.token))
		).toBe(403);
		expect(await upgradeStatus(server, room, browserHeaders(null, admin.token))).toBe(403);
	});

	it('refuses a room of a workspace the user is not a member of with 403', async () => {
		const status = await upgradeStatus(
			server,
			testRoom(admin.workspaceId),
			browserHeaders(server.origin, outsider.token)
		);
		expect(status).toBe(403);
	});

	it('refuses a room kind nobody registered with 403', async () => {
		const room = buildRoomName({
			workspaceId: admin.workspaceId,
			kind: 'unregistered',
			objectId: randomUUID()
		});
		expect(await upgradeStatus(server, room, browserHeaders(server.origin, admin.token))).toBe(403);
	});

	it('refuses room names that are not in the canonical form with 404', async () => {
		const room = testRoom(admin.workspaceId);
		for (const name of [
			room.toUpperCase(),
			`${room}.extra`,
			room.replace('ws.', 'xs.'),
			'anything',
			`${room}%2F`
		]) {
			expect(await upgradeStatus(server, name, browserHeaders(server.origin, admin.token))).toBe(
				404
			);
		}
	});
});
