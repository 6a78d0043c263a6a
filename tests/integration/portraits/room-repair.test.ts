// The portrait room cuts back section texts and evidence claims a client wrote over their limits
// (the app's editor caps claims, a hostile or broken client does not), as a change of the server's
// own: every client, the sender too, and the stored document end up with the cut text.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
	CLAIM_MAX,
	SECTION_MAX,
	addEvidence,
	evidenceEntry,
	readEvidence,
	sectionFragment,
	sectionText
} from '$lib/portraits/doc';
import { db } from '$lib/server/db';
import { portraitRoomName, readPortraitDocument } from '$lib/server/portraits/documents';
import { sectionSize } from '$lib/server/portraits/repair';
import { useAppSyncServer } from '../../utils/app-sync-server';
import { blankPortrait, portraitWorld } from './world';

const sync = useAppSyncServer();
const member = (room: string, token: string) => sync.connect(room, token);

/** A paragraph holding `text`, as the editor writes one. */
function paragraph(text: string): Y.XmlElement {
	const element = new Y.XmlElement('paragraph');
	element.insert(0, [new Y.XmlText(text)]);
	return element;
}

async function openRoom() {
	const world = await portraitWorld();
	const id = await blankPortrait(world);
	const portrait = { id, workspaceId: world.workspaceId };
	const room = portraitRoomName(portrait);
	const writer = member(room, world.people.alice.token);
	const watcher = member(room, world.people.cora.token);
	await Promise.all([writer.synced(), watcher.synced()]);
	return { portrait, writer, watcher };
}

describe('the portrait room’s bounds', () => {
	it('cuts back an over-long section and claim for everyone and in storage, and leaves texts within bounds alone', async () => {
		const { portrait, writer, watcher } = await openRoom();
		const typed = addEvidence(writer.doc, { claim: 'Nine parents said so' }) ?? '';
		const full = addEvidence(writer.doc, { claim: 'c'.repeat(CLAIM_MAX) }) ?? '';
		writer.doc.transact(() => {
			sectionFragment(writer.doc, 'traits').insert(0, [paragraph('Calm'), paragraph('Curious')]);
		});
		await vi.waitFor(() => expect(readEvidence(watcher.doc)).toHaveLength(2));

		// What the app's editor would refuse: a claim pasted past its limit, a new entry with a
		// claim of 3,000 characters, and a section of 25,000 characters in three paragraphs.
		evidenceEntry(writer.doc, typed)?.claim.insert(4, 'y'.repeat(1000));
		writer.doc.transact(() => {
			const entry = new Y.Map<unknown>();
			entry.set('id', 'pasted');
			entry.set('claim', new Y.Text('x'.repeat(3000)));
			entry.set('source', 'survey');
			entry.set('date', '');
			writer.doc.getArray('evidence').push([entry]);
			sectionFragment(writer.doc, 'motives').insert(0, [
				paragraph('Prestige'),
				paragraph('m'.repeat(24_000)),
				paragraph('lost')
			]);
		});

		const seen = (doc: Y.Doc) => ({
			claims: Object.fromEntries(readRawClaims(doc)),
			motives: sectionText(doc, 'motives'),
			motivesSize: sectionSize(sectionFragment(doc, 'motives')),
			traits: sectionText(doc, 'traits')
		});
		// 'Prestige' is one paragraph node and 8 characters, the second paragraph one node and
		// the rest of the budget; the third paragraph is removed.
		const expected = {
			claims: {
				[typed]: `Nine${'y'.repeat(CLAIM_MAX - 4)}`,
				[full]: 'c'.repeat(CLAIM_MAX),
				pasted: 'x'.repeat(CLAIM_MAX)
			},
			motives: `Prestige\n${'m'.repeat(SECTION_MAX - 10)}`,
			motivesSize: SECTION_MAX,
			traits: 'Calm\nCurious'
		};
		await vi.waitFor(() => expect(seen(watcher.doc)).toEqual(expected), { timeout: 10_000 });
		await vi.waitFor(() => expect(seen(writer.doc)).toEqual(expected));
		await vi.waitFor(async () =>
			expect(seen(await readPortraitDocument(db, portrait))).toEqual(expected)
		);
	});

	it('cuts back a section of many empty paragraphs, and one nested a thousand levels deep', async () => {
		const { portrait, writer, watcher } = await openRoom();
		writer.doc.transact(() => {
			const empty = Array.from({ length: SECTION_MAX + 500 }, () => new Y.XmlElement('paragraph'));
			sectionFragment(writer.doc, 'role').insert(0, empty);
		});
		// Built from the outside in, each list already in the document (yjs integrates a nested
		// new element recursively); the innermost paragraph is over the limit by itself.
		let parent: Y.XmlFragment | Y.XmlElement = sectionFragment(writer.doc, 'lifestyle');
		writer.doc.transact(() => {
			for (let depth = 0; depth < 1000; depth++) {
				const list = new Y.XmlElement('bulletList');
				parent.insert(0, [list]);
				parent = list;
			}
			parent.insert(0, [paragraph('l'.repeat(SECTION_MAX))]);
		});
		const sizes = (doc: Y.Doc) => ({
			role: sectionSize(sectionFragment(doc, 'role')),
			lifestyle: sectionSize(sectionFragment(doc, 'lifestyle')),
			lifestyleText: sectionText(doc, 'lifestyle').length
		});
		const expected = {
			role: SECTION_MAX,
			lifestyle: SECTION_MAX,
			lifestyleText: SECTION_MAX - 1001
		};
		await vi.waitFor(() => expect(sizes(watcher.doc)).toEqual(expected), { timeout: 20_000 });
		await vi.waitFor(() => expect(sizes(writer.doc)).toEqual(expected));
		await vi.waitFor(async () =>
			expect(sizes(await readPortraitDocument(db, portrait))).toEqual(expected)
		);
	});
});

/** Every entry's claim as stored, uncut by reading (readEvidence shortens what it shows). */
function readRawClaims(doc: Y.Doc): [string, string][] {
	return doc
		.getArray<Y.Map<unknown>>('evidence')
		.toArray()
		.flatMap((entry) => {
			const id = entry.get('id');
			const claim = entry.get('claim');
			return typeof id === 'string' && claim instanceof Y.Text ? [[id, claim.toString()]] : [];
		});
}
