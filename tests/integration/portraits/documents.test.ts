// A portrait's document on the server: the sample is written into it in the creator's language
// when the portrait is created; the print layout and the comparison render the stored document,
// with whatever a client wrote there sanitized; deleting a portrait deletes its document.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import * as Y from 'yjs';
import { db } from '$lib/server/db';
import { journeyMaps, portraits, ydocUpdates } from '$lib/server/db/schema';
import { createMap } from '$lib/server/journeys/maps';
import { journeyRoomName } from '$lib/server/journeys/rooms';
import { portraitRoomName, readPortraitDocument } from '$lib/server/portraits/documents';
import { createPortrait, deletePortrait } from '$lib/server/portraits/portraits';
import { rooms } from '$lib/server/ports';
import {
	readEvidence,
	sectionFragment,
	sectionKeys,
	sectionText,
	type Evidence,
	type SectionKey
} from '$lib/portraits/doc';
import type { PortraitSummary } from '$lib/portraits/model';
import PortraitSheet from '$lib/components/portraits/PortraitSheet.svelte';
import * as printPage from '../../../src/routes/(app)/w/[ws=uuid]/portraits/[id=uuid]/print/+page.server';
import { asUser, blankPortrait, event, loaded, portraitWorld } from './world';
import { documentIdOf } from '$lib/server/sync/storage';

describe('the sample portrait', () => {
	it('is created in Russian with every section filled in Russian, in its document', async () => {
		const world = await portraitWorld();
		const id = await createPortrait(db, asUser(world.people.alice), world.workspaceId, {
			start: 'sample',
			name: '',
			kind: 'customer',
			language: 'ru'
		});
		const [row] = await db.select().from(portraits).where(eq(portraits.id, id));
		expect(row).toMatchObject({
			name: 'Владелец премиального автомобиля: собственник бизнеса или топ-менеджер',
			segment: 'Премиальные автомобили',
			kind: 'customer',
			relationshipClass: 'strategic',
			valueShare: null
		});
		const doc = await readPortraitDocument(db, row);
		for (const key of sectionKeys) expect(sectionText(doc, key), key).toMatch(/[а-яё]/i);
		expect(sectionText(doc, 'traits')).toBe(
			'Энергичные, амбициозные, независимые. Ценят своё время, любят держать всё под контролем и замечают детали.'
		);
		expect(sectionText(doc, 'decision')).toMatch(/^Эмоционально/);
		expect(readEvidence(doc).map((entry) => [entry.source, entry.claim.slice(0, 7)])).toEqual([
			['survey', 'Пример:'],
			['interview', 'Пример:']
		]);
		// Seeded once, by the server, as the document's first stored update.
		const stored = await db
			.select()
			.from(ydocUpdates)
			.where(eq(ydocUpdates.docId, await documentIdOf(db, portraitRoomName(row))));
		expect(stored).toHaveLength(1);
	});

	it('keeps a name the creator typed; a blank portrait starts with an empty document', async () => {
		const world = await portraitWorld();
		const named = await createPortrait(db, asUser(world.people.alice), world.workspaceId, {
			start: 'sample',
			name: 'Our own premium buyer',
			kind: 'customer',
			language: 'en'
		});
		const [row] = await db.select().from(portraits).where(eq(portraits.id, named));
		expect(row.name).toBe('Our own premium buyer');
		expect(sectionText(await readPortraitDocument(db, row), 'role')).toMatch(
			/^Owners of businesses/
		);
		const blank = await blankPortrait(world);
		const [blankRow] = await db.select().from(portraits).where(eq(portraits.id, blank));
		const doc = await readPortraitDocument(db, blankRow);
		expect(sectionKeys.map((key) => sectionText(doc, key)).join('')).toBe('');
		expect(readEvidence(doc)).toEqual([]);
	});
});

describe('the print layout', () => {
	it('renders the sections from the stored document, sanitized', async () => {
		const world = await portraitWorld();
		const id = await createPortrait(db, asUser(world.people.alice), world.workspaceId, {
			start: 'sample',
			name: '',
			kind: 'customer',
			language: 'en'
		});
		const portrait = { id, workspaceId: world.workspaceId };
		// What a client could write: markup as text, a script element, a javascript: link, bold text.
		await rooms.change(portraitRoomName(portrait), (doc) => {
			const motives = sectionFragment(doc, 'motives');
			motives.delete(0, motives.length);
			const paragraph = new Y.XmlElement('paragraph');
			const text = new Y.XmlText();
			paragraph.insert(0, [text]);
			const script = new Y.XmlElement('script');
			script.insert(0, [new Y.XmlText('alert(2)')]);
			motives.insert(0, [paragraph, script]);
			const start = '<img src=x onerror=alert(1)> Prestige ';
			text.insert(0, start);
			text.insert(start.length, 'drive', { bold: true });
			text.insert(start.length + 5, ' click', { link: { href: 'javascript:alert(1)' } });
		});
		const ws = world.workspaceId;
		const data = loaded(
			await printPage.load(event(world.people.rita, `/w/${ws}/portraits/${id}/print`, { ws, id }))
		) as {
			portrait: PortraitSummary;
			rendered: { sections: Record<SectionKey, string>; evidence: Evidence[] };
			workspaceName: string;
		};
		expect(data.rendered.sections.motives).toBe(
			'<p>&lt;img src=x onerror=alert(1)&gt; Prestige <strong>drive</strong> click</p>alert(2)'
		);
		expect(data.rendered.sections.traits).toMatch(/^<p>Energetic, ambitious, independent\./);

		const { body } = render(PortraitSheet, {
			props: {
				portrait: data.portrait,
				sections: data.rendered.sections,
				evidence: data.rendered.evidence,
				photoSrc: null,
				workspaceName: data.workspaceName
			}
		});
		expect(body).toContain('Premium car owner: business owner or top manager');
		expect(body).toContain('&lt;img src=x onerror=alert(1)&gt; Prestige <strong>drive</strong>');
		expect(body).not.toMatch(/<script|<img src=x|javascript:/);
		expect(body).toContain('Energetic, ambitious, independent.');
		expect(body).toContain('Example: buyers shortlist two or three models');
	});
});

describe('deleting a portrait', () => {
	it('deletes its stored document', async () => {
		const world = await portraitWorld();
		const id = await createPortrait(db, asUser(world.people.alice), world.workspaceId, {
			start: 'sample',
			name: '',
			kind: 'customer',
			language: 'bg'
		});
		const docName = portraitRoomName({ id, workspaceId: world.workspaceId });
		expect(
			await db
				.select()
				.from(ydocUpdates)
				.where(eq(ydocUpdates.docId, await documentIdOf(db, docName)))
		).toHaveLength(1);
		await deletePortrait(db, asUser(world.people.alice), world.workspaceId, id);
		expect(
			await db
				.select()
				.from(ydocUpdates)
				.where(eq(ydocUpdates.docId, await documentIdOf(db, docName)))
		).toEqual([]);
	});

	it('deletes the stored documents of its journey maps too', async () => {
		const world = await portraitWorld();
		const id = await blankPortrait(world);
		const mapId = await createMap(
			db,
			world.people.alice.userId,
			world.workspaceId,
			{ portraitId: id, title: 'First visit' },
			'en'
		);
		const mapDoc = journeyRoomName({ id: mapId, workspaceId: world.workspaceId });
		expect(
			await db
				.select()
				.from(ydocUpdates)
				.where(eq(ydocUpdates.docId, await documentIdOf(db, mapDoc)))
		).toHaveLength(1);
		await deletePortrait(db, asUser(world.people.alice), world.workspaceId, id);
		expect(await db.select().from(journeyMaps).where(eq(journeyMaps.id, mapId))).toEqual([]);
		expect(
			await db
				.select()
				.from(ydocUpdates)
				.where(eq(ydocUpdates.docId, await documentIdOf(db, mapDoc)))
		).toEqual([]);
	});
});
