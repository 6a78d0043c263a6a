// Typical-theme suggestions on the grouping board are known by a key, not by their text: an English
// and a Russian participant who press the same suggestion (even at the same moment, over real
// WebSocket connections) end up with one theme, and neither is offered it again.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSuggestedTheme, readBoard } from '$lib/board/doc';
import { unusedSuggestions } from '$lib/board/suggestions';
import { m } from '$lib/paraglide/messages';
import { registerSessionRooms, sessionRoomName } from '$lib/server/sessions/rooms';
import { RoomKindRegistry } from '$lib/server/sync';
import { sessionWorld } from '../../utils/session-factories';
import { connectClient } from '../../utils/sync-client';
import { startTestServer, type TestSyncServer } from '../../utils/sync-server';

let server: TestSyncServer;

beforeAll(async () => {
	const kinds = new RoomKindRegistry();
	registerSessionRooms(kinds);
	server = await startTestServer({ kinds });
});

afterAll(async () => {
	await server.close();
});

describe('typical-theme suggestions', () => {
	it('make one theme when participants in two languages press the same one at once', async () => {
		const world = await sessionWorld();
		const room = sessionRoomName({ id: world.sessionId, workspaceId: world.workspaceId }, 'board');
		const english = connectClient(server, room, world.accounts.alice.token);
		const russian = connectClient(server, room, world.accounts.bob.token);
		await Promise.all([english.synced(), russian.synced()]);

		const partnerEn = m.board_suggestion_4({}, { locale: 'en' });
		const partnerRu = m.board_suggestion_4({}, { locale: 'ru' });
		expect(partnerRu).not.toBe(partnerEn);
		const key =
			unusedSuggestions(readBoard(english.doc).themes).find((s) => s.name === partnerEn)?.key ?? '';
		expect(key).not.toBe('');
		// Neither has seen the other's theme yet: both write.
		createSuggestedTheme(english.doc, key, partnerEn);
		createSuggestedTheme(russian.doc, key, partnerRu);

		await vi.waitFor(() => {
			for (const client of [english, russian]) {
				const themes = readBoard(client.doc).themes;
				expect(themes).toHaveLength(1);
				expect(themes[0].suggestion).toBe(key);
			}
			expect(readBoard(english.doc).themes[0].name).toBe(readBoard(russian.doc).themes[0].name);
		});
		for (const client of [english, russian])
			expect(unusedSuggestions(readBoard(client.doc).themes).map((s) => s.key)).not.toContain(key);

		// Pressing it again later changes nothing.
		createSuggestedTheme(russian.doc, key, partnerRu);
		expect(readBoard(russian.doc).themes).toHaveLength(1);
		english.destroy();
		russian.destroy();
	});

	it('count a theme made before themes carried a key by its name in any language', () => {
		const russianName = m.board_suggestion_2({}, { locale: 'ru' });
		const legacy = [{ id: 'old', name: russianName, order: 1, suggestion: null }];
		const offered = unusedSuggestions(legacy).map((s) => s.name);
		expect(offered).not.toContain(m.board_suggestion_2());
		expect(offered).toHaveLength(6);
	});
});
