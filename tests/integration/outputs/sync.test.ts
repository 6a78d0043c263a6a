// Export and import through a real sync server: the export reads the rooms the participants wrote
// over WebSocket, the import seeds the new session's rooms on the server (stored before it is
// sent), and the importer's browser receives them over WebSocket under the new room names.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readBoard } from '$lib/board/doc';
import { addCriterion, readCriteria } from '$lib/criteria/doc';
import { db } from '$lib/server/db';
import { ownDefinitions, ydocUpdates } from '$lib/server/db/schema';
import { readDoc, sessionDocsOf } from '$lib/server/outputs/documents';
import { exportSession } from '$lib/server/outputs/export';
import { importSession } from '$lib/server/outputs/import';
import { loadReport } from '$lib/server/outputs/report';
import { registerSessionRooms, sessionRoomName } from '$lib/server/sessions/rooms';
import { syncServerRooms } from '$lib/server/ports';
import { RoomKindRegistry } from '$lib/server/sync';
import { connectClient } from '../../utils/sync-client';
import { startTestServer, type TestSyncServer } from '../../utils/sync-server';
import { outputsWorld, wholeSession } from './world';
import { documentIdOf } from '$lib/server/sync/storage';

let server: TestSyncServer;

beforeAll(async () => {
	const kinds = new RoomKindRegistry();
	registerSessionRooms(kinds);
	server = await startTestServer({ kinds });
});

afterAll(async () => {
	await server.close();
});

describe('outputs with a real sync server', () => {
	it('exports the rooms participants wrote and seeds them under the imported session', async () => {
		const docs = sessionDocsOf(syncServerRooms(server.sync));
		const world = await outputsWorld('off', docs);
		await wholeSession(world);

		// A participant adds a criterion over WebSocket; the export must see it.
		const alice = connectClient(
			server,
			sessionRoomName(world.session, 'criteria'),
			world.accounts.alice.token
		);
		await alice.synced();
		addCriterion(alice.doc, 'Names internal customers too');
		await vi.waitFor(async () => {
			const texts = await readDoc(docs, world.session, 'criteria', (doc) =>
				readCriteria(doc).map((c) => c.text)
			);
			expect(texts).toContain('Names internal customers too');
		});
		alice.destroy();

		const file = await exportSession(
			db,
			world.accounts.admin.userId,
			world.workspaceId,
			world.sessionId,
			docs
		);
		const target = world.accounts.stranger;
		const { sessionId } = await importSession(
			db,
			target.userId,
			target.workspaceId,
			JSON.stringify(file),
			docs
		);
		const session = { id: sessionId, workspaceId: target.workspaceId };

		// Stored before it was sent: the new rooms have rows in the update log.
		for (const kind of ['board', 'criteria', 'draft'] as const) {
			const [row] = await db
				.select({ n: count() })
				.from(ydocUpdates)
				.where(eq(ydocUpdates.docId, await documentIdOf(db, sessionRoomName(session, kind))));
			expect(Number(row.n)).toBeGreaterThan(0);
		}

		const importer = connectClient(server, sessionRoomName(session, 'board'), target.token);
		await importer.synced();
		const definitions = await db
			.select({ id: ownDefinitions.id })
			.from(ownDefinitions)
			.where(eq(ownDefinitions.sessionId, sessionId));
		await vi.waitFor(() => {
			const board = readBoard(importer.doc);
			expect(board.cards.map((card) => card.id).sort()).toEqual(
				definitions.map((d) => d.id).sort()
			);
			expect(board.themes.map((theme) => theme.name)).toEqual([
				'Customer as a partner',
				'Discounts and gifts'
			]);
			// Anonymity is off in this session: the board may name authors, as it did in the original.
			expect(board.cards.map((card) => card.author).sort()).toEqual([
				'Alice Andreeva',
				'Bob Borisov',
				'Gina Guest'
			]);
		});
		importer.destroy();

		const criteria = connectClient(server, sessionRoomName(session, 'criteria'), target.token);
		await criteria.synced();
		await vi.waitFor(() =>
			expect(readCriteria(criteria.doc).map((c) => c.text)).toContain(
				'Names internal customers too'
			)
		);
		criteria.destroy();

		const report = await loadReport(db, target.userId, target.workspaceId, sessionId, docs);
		expect(report.themes.map((theme) => theme.definitionIds.length)).toEqual([2, 0]);
	});
});
