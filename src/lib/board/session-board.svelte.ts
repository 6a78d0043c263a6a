// The live session's board room, open for as long as the component that asked for it lives: the
// participants' wall and the projector read the same room.
import { untrack } from 'svelte';
import { LiveBoard } from '$lib/board/board.svelte';
import type { LiveSession } from '$lib/sessions/live.svelte';
import { SyncedDocument } from '$lib/sync/client.svelte';
import { buildRoomName } from '$lib/sync/room';

/** The board's synced document and its view; both unset until the room is opened. */
export type SessionBoard = { synced?: SyncedDocument; board?: LiveBoard };

/** Opens the session's board room in the calling component (call it during its set-up). */
export function useSessionBoard(session: () => LiveSession): SessionBoard {
	// The room is fixed for the life of the component; reading the core untracked keeps its
	// refreshes from reconnecting the document.
	const { roomName, participantId } = untrack(() => {
		const live = session();
		return {
			roomName: buildRoomName({
				workspaceId: live.core.workspaceId,
				kind: 'board',
				objectId: live.core.id
			}),
			participantId: live.core.me.participantId
		};
	});
	const opened = $state<SessionBoard>({});
	$effect(() => {
		const document = new SyncedDocument(roomName, { userId: participantId });
		const view = new LiveBoard(document.doc);
		opened.synced = document;
		opened.board = view;
		return () => {
			view.destroy();
			document.destroy();
		};
	});
	return opened;
}
