import { DRAFT_FIELD } from '$lib/draft/schema';
import { sessionRoomName } from '../sessions/rooms';
import { getSyncServer } from '../sync';
import { renderDraft } from './render';
import type { ReadDraft } from './versions';

/** Reads the session's draft from the sync server's copy of its document. */
export const readLiveDraft: ReadDraft = async (session) => {
	let rendered = { html: '', text: '' };
	await getSyncServer().change(sessionRoomName(session, 'draft'), (doc) => {
		rendered = renderDraft(doc.getXmlFragment(DRAFT_FIELD));
	});
	return rendered;
};
