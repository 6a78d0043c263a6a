// A portrait's Yjs document on the server: its room name, seeding a new one (in the transaction
// that creates the portrait), reading the stored state, and rendering it to sanitised HTML for
// the print layout and the comparison. Layout of the document: `$lib/portraits/doc`.
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
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
import { ydocSnapshots, ydocUpdates } from '../db/schema';
import { renderDraft } from '../draft/render';
import { runningSyncServer } from '../sessions/rooms';
import { loadStoredDocument } from '../sync/storage';

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
export async function seedPortraitDocument(
	tx: DbOrTx,
	portrait: { id: string; workspaceId: string },
	content: PortraitContent
): Promise<void> {
	const doc = new Y.Doc();
	try {
		fillPortrait(doc, content);
		await tx
			.insert(ydocUpdates)
			.values({ docName: portraitRoomName(portrait), update: Y.encodeStateAsUpdate(doc) });
	} finally {
		doc.destroy();
	}
}

/** Deletes what is stored of a portrait's document (after the portrait itself is deleted). */
export async function deletePortraitDocument(
	tx: DbOrTx,
	portrait: { id: string; workspaceId: string }
): Promise<void> {
	const docName = portraitRoomName(portrait);
	await tx.delete(ydocUpdates).where(eq(ydocUpdates.docName, docName));
	await tx.delete(ydocSnapshots).where(eq(ydocSnapshots.docName, docName));
}

/**
 * The stored document of a portrait. Updates are stored before they are sent to anyone, so this
 * holds everything any client has seen. A stored update that does not apply throws.
 */
export async function readPortraitDocument(
	db: Db,
	portrait: { id: string; workspaceId: string }
): Promise<Y.Doc> {
	const stored = await loadStoredDocument(db, portraitRoomName(portrait));
	const doc = new Y.Doc();
	doc.transact(() => {
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const update of stored.updates) Y.applyUpdate(doc, update);
	});
	return doc;
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
	const doc = await readPortraitDocument(db, portrait);
	try {
		return renderPortrait(doc);
	} finally {
		doc.destroy();
	}
}

/** Makes open connections of a portrait's room check their access again (after a delete or unlink). */
export async function reauthorisePortraitRoom(portrait: {
	id: string;
	workspaceId: string;
}): Promise<void> {
	await runningSyncServer()?.reauthorise(portraitRoomName(portrait));
}
