// A portrait's Yjs document on the server: its room name, seeding a new one (in the transaction
// that creates the portrait), reading the stored state, and rendering it to sanitised HTML for
// the print layout and the comparison. Layout of the document: `$lib/portraits/doc`.
import type * as Y from 'yjs';
import { buildRoomName } from '$lib/sync/room';
import {
	fillPortrait,
	readEvidence,
	sectionFragment,
	sectionKeys,
	type Evidence,
	type PortraitContent,
	type SectionKey
} from '$lib/portraits/doc';
import type { Db, DbOrTx } from '../db';
import { renderDraft } from '../draft/render';
import { rooms } from '../ports';
import { loadDocument, readDocument, removeDocuments, seedDocument } from '../sync/documents';

/** Room name of a portrait's document. */
export function portraitRoomName(portrait: { id: string; workspaceId: string }): string {
	return buildRoomName({
		workspaceId: portrait.workspaceId,
		kind: 'portrait',
		objectId: portrait.id
	});
}

/**
 * Stores the first content of a new portrait's document as its first logged update. Called in the
 * transaction that inserts the portrait row, before anyone can open the room (the room's policy
 * needs that row), so the document is never seeded twice and never from a client.
 */
export function seedPortraitDocument(
	tx: DbOrTx,
	portrait: { id: string; workspaceId: string },
	content: PortraitContent
): Promise<void> {
	return seedDocument(tx, portraitRoomName(portrait), (doc) => fillPortrait(doc, content));
}

/** Deletes what is stored of a portrait's document (after the portrait itself is deleted). */
export function deletePortraitDocument(
	tx: DbOrTx,
	portrait: { id: string; workspaceId: string }
): Promise<void> {
	return removeDocuments(tx, [portraitRoomName(portrait)]);
}

/**
 * The stored document of a portrait (the caller destroys it). Updates are stored before they are
 * sent to anyone, so this holds everything any client has seen. A stored update that does not
 * apply throws.
 */
export function readPortraitDocument(
	db: Db,
	portrait: { id: string; workspaceId: string }
): Promise<Y.Doc> {
	return loadDocument(db, portraitRoomName(portrait));
}

/** A portrait's prose as sanitised HTML per section, and its evidence. */
export type RenderedPortrait = {
	/** Sanitised HTML of each section ('' when empty). */
	sections: Record<SectionKey, string>;
	evidence: Evidence[];
};

/** Renders a portrait document: only known nodes and marks become tags, all text is escaped. */
export function renderPortrait(doc: Y.Doc): RenderedPortrait {
	const sections = {} as Record<SectionKey, string>;
	for (const key of sectionKeys) {
		const { html, text } = renderDraft(sectionFragment(doc, key));
		sections[key] = text ? html : '';
	}
	return { sections, evidence: readEvidence(doc) };
}

/** Reads and renders the stored document of a portrait. */
export async function loadRenderedPortrait(
	db: Db,
	portrait: { id: string; workspaceId: string }
): Promise<RenderedPortrait> {
	return readDocument(db, portraitRoomName(portrait), renderPortrait);
}

/** Makes open connections of a portrait's room check their access again (after a delete or unlink). */
export async function reauthorizePortraitRoom(portrait: {
	id: string;
	workspaceId: string;
}): Promise<void> {
	await rooms.reauthorize(portraitRoomName(portrait));
}
