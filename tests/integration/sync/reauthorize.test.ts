// When access changes, affected connections are closed with a named code: a lock or a role change
// makes clients reconnect and be checked again; a removed member or a dead session is shut out.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { memberships } from '$lib/server/db/schema';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { CloseCode } from '$lib/sync/close-codes';
import { roomNamePrefix } from '$lib/sync/room';
import { createAdmin, createMember } from '../../utils/factories';
import { startTestServer, testRoom, type TestSyncServer } from '../../utils/sync-server';
import { connectClient, type TestClient } from '../../utils/sync-client';

let server: TestSyncServer;
const clients: TestClient[] = [];

beforeAll(async () => {
	server = await startTestServer();
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server.close();
});

describe('reauthorizing', () => {
	it('locks a room read-only for everyone and unlocks it, reconnecting writers each time', async () => {
		const admin = await createAdmin();
		const room = testRoom(admin.workspaceId);
		const writer = connectClient(server, room, admin.token);
		const watcher = connectClient(server, room, admin.token);
		clients.push(writer, watcher);
		await Promise.all([writer.synced(), watcher.synced()]);

		expect(await server.sync.setLocked(room, true)).toBe(2);
		await vi.waitFor(() => expect(writer.closeCodes).toContain(CloseCode.AccessChanged));
		await vi.waitFor(() => expect(writer.denied).toContain('read-only'));
		writer.doc.getText('text').insert(0, 'while locked');
		await vi.waitFor(() => expect(writer.denied.length).toBeGreaterThan(1));
		expect(await server.sync.reauthorize(room)).toBe(0);

		await server.sync.setLocked(room, false);
		await vi.waitFor(() =>
			expect(writer.closeCodes.filter((code) => code === CloseCode.AccessChanged)).toHaveLength(2)
		);
		writer.doc.getText('text').insert(0, 'unlocked ');
		// After reconnecting as a writer, its sync sends what it typed while locked too.
		await vi.waitFor(() =>
			expect(watcher.doc.getText('text').toString()).toBe('unlocked while locked')
		);
	});

	it('shuts out a member removed from the workspace, and a user whose sessions ended', async () => {
		const admin = await createAdmin();
		const member = await createMember(admin);
		const other = await createMember(admin);
		const room = testRoom(admin.workspaceId);
		const removed = connectClient(server, room, member.token);
		const signedOut = connectClient(server, room, other.token);
		const staying = connectClient(server, room, admin.token);
		clients.push(removed, signedOut, staying);
		await Promise.all([removed.synced(), signedOut.synced(), staying.synced()]);

		await db
			.delete(memberships)
			.where(
				and(eq(memberships.userId, member.userId), eq(memberships.workspaceId, admin.workspaceId))
			);
		expect(await server.sync.reauthorize(roomNamePrefix(admin.workspaceId))).toBe(1);
		await vi.waitFor(() => expect(removed.closeCodes).toEqual([CloseCode.Forbidden]));
		expect(removed.provider.shouldConnect).toBe(false);

		await invalidateUserSessions(db, other.userId);
		expect(await server.sync.reauthorizeUser(other.userId)).toBe(1);
		await vi.waitFor(() => expect(signedOut.closeCodes).toEqual([CloseCode.Unauthorized]));
		expect(staying.closeCodes).toEqual([]);
	});
});
