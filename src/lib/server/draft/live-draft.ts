import { DRAFT_FIELD } from '$lib/draft/schema';
import { rooms } from '../ports';
import { sessionRoomName } from '../sessions/rooms';
import { renderDraft } from './render';
import type { ReadDraft } from './versions';

/** Reads the session's draft from its stored document (everything anyone in its room has been sent). */
export const readLiveDraft: ReadDraft = (session) =>
	rooms.read(sessionRoomName(session, 'draft'), (doc) =>
		renderDraft(doc.getXmlFragment(DRAFT_FIELD))
	);
