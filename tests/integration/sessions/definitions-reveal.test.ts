// Stage 1, the reveal: the facilitator alone reveals; submitted, non-empty definitions (and only
// those) reach every viewer and the shared board, with authors as the anonymity setting allows;
// after it nothing can be changed; revealing again places the same set.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDefinitionCards, readBoard } from '$lib/board/doc';
import { db } from '$lib/server/db';
import { ownDefinitions } from '$lib/server/db/schema';
import { loadSessionContext, type SessionActor } from '$lib/server/sessions/access';
import {
	definitionsView,
	revealDefinitions,
	saveOwnDefinition,
	withdrawOwnDefinition,
	type PlaceOnBoard,
	type RevealedDefinition
} from '$lib/server/sessions/definitions';
import { sessionCore } from '$lib/server/sessions/view';
import type { Anonymity } from '$lib/sessions/stages';
import { joinGuest, sessionRow, sessionWorld } from '../../utils/session-factories';

const ALICE = { text: 'The customer is a partner, not a target', roleTag: 'Sales' };
const GINA = { text: 'Know my name and my last order', roleTag: 'Loyal customer' };
const HIDDEN = {
	emptied: 'Bob wrote this, submitted, then erased it',
	withdrawn: 'Hal took this one back',
	draft: 'Ivy never submitted this draft'
};

/** A board placement that records what it was given and applies it to a real board document. */
function recordingBoard() {
	const calls: {
		session: { id: string; workspaceId: string };
		definitions: RevealedDefinition[];
	}[] = [];
	const doc = new Y.Doc();
	const place: PlaceOnBoard = (session, definitions) => {
		calls.push({ session: { id: session.id, workspaceId: session.workspaceId }, definitions });
		addDefinitionCards(doc, definitions);
		return Promise.resolve();
	};
	return { calls, doc, place };
}

const byText = (a: { text: string }, b: { text: string }) => a.text.localeCompare(b.text);

/** A session at stage 1 with two submitted definitions and three that must never be revealed. */
async function writtenSession(anonymity: Anonymity) {
	const world = await sessionWorld({ anonymity, allowGuests: true });
	const { sessionId, actors } = world;
	const gina = await joinGuest(sessionId, 'Gina Guest');
	const hal = await joinGuest(sessionId, 'Hal Guest');
	const ivy = await joinGuest(sessionId, 'Ivy Guest');
	await saveOwnDefinition(db, actors.alice, sessionId, ALICE, true);
	await saveOwnDefinition(db, gina.actor, sessionId, GINA, true);
	// Submitted, then erased: submitted but blank. The autosave now refuses to touch a submitted
	// text, so the row is written as an older version of the app left it; the reveal must skip it.
	await saveOwnDefinition(
		db,
		actors.bob,
		sessionId,
		{ text: HIDDEN.emptied, roleTag: 'Security' },
		true
	);
	await expect(
		saveOwnDefinition(db, actors.bob, sessionId, { text: '   ', roleTag: 'Security' }, false)
	).rejects.toMatchObject({ code: 'definition_submitted' });
	await db
		.update(ownDefinitions)
		.set({ text: '   ' })
		.where(eq(ownDefinitions.participantId, (await viewerParticipant(actors.bob, sessionId)).id));
	await saveOwnDefinition(db, hal.actor, sessionId, { text: HIDDEN.withdrawn, roleTag: '' }, true);
	await withdrawOwnDefinition(db, hal.actor, sessionId);
	await saveOwnDefinition(db, ivy.actor, sessionId, { text: HIDDEN.draft, roleTag: '' }, false);
	return { ...world, guests: { gina: gina.actor, hal: hal.actor, ivy: ivy.actor } };
}

async function viewerParticipant(actor: SessionActor, sessionId: string) {
	return (await loadSessionContext(db, actor, sessionId)).participant;
}

async function viewOf(actor: SessionActor, sessionId: string) {
	return definitionsView(db, await loadSessionContext(db, actor, sessionId));
}

/** The revealed definitions a viewer gets, without ids, in a stable order. */
async function revealedTo(actor: SessionActor, sessionId: string) {
	const view = await viewOf(actor, sessionId);
	expect(view.revealed).toBe(true);
	// Everything but the viewer's own text (Ivy still sees her own draft).
	const json = JSON.stringify({ ...view, own: null });
	for (const hidden of Object.values(HIDDEN)) expect(json).not.toContain(hidden);
	return view.definitions
		.map(({ text, roleTag, author }) => ({ text, roleTag, author }))
		.sort(byText);
}

const named = [
	{ ...ALICE, author: 'Alice Andreeva' },
	{ ...GINA, author: 'Gina Guest' }
].sort(byText);
const anonymous = named.map((definition) => ({ ...definition, author: null }));

describe('revealDefinitions', () => {
	it('with anonymity off, shows everyone the authors and puts names on the board', async () => {
		const { sessionId, workspaceId, actors, guests } = await writtenSession('off');
		const board = recordingBoard();
		await revealDefinitions(db, actors.facilitator, sessionId, board.place);

		expect(board.calls).toHaveLength(1);
		expect(board.calls[0].session).toEqual({ id: sessionId, workspaceId });
		for (const hidden of Object.values(HIDDEN))
			expect(JSON.stringify(board.calls)).not.toContain(hidden);
		expect(
			board.calls[0].definitions
				.map(({ text, roleTag, author }) => ({ text, roleTag, author }))
				.sort(byText)
		).toEqual(named);
		expect(
			readBoard(board.doc)
				.cards.map(({ text, author }) => ({ text, author }))
				.sort(byText)
		).toEqual(named.map(({ text, author }) => ({ text, author })));
		for (const viewer of [
			actors.facilitator,
			actors.coFacilitator,
			actors.alice,
			actors.bob,
			guests.ivy
		])
			expect(await revealedTo(viewer, sessionId)).toEqual(named);
		// The ids on the board are those the viewers get.
		const ids = (await viewOf(actors.bob, sessionId)).definitions.map((d) => d.id).sort();
		expect(board.calls[0].definitions.map((d) => d.id).sort()).toEqual(ids);
	});

	it('with partial anonymity, shows authors to facilitators only and puts none on the board', async () => {
		const { sessionId, actors, guests } = await writtenSession('partial');
		const board = recordingBoard();
		await revealDefinitions(db, actors.facilitator, sessionId, board.place);

		expect(board.calls).toHaveLength(1);
		expect(
			board.calls[0].definitions
				.map(({ text, roleTag, author }) => ({ text, roleTag, author }))
				.sort(byText)
		).toEqual(anonymous);
		expect(JSON.stringify(board.calls)).not.toMatch(/Alice|Gina/);
		expect(readBoard(board.doc).cards.every((card) => card.author === null)).toBe(true);
		expect(await revealedTo(actors.facilitator, sessionId)).toEqual(named);
		expect(await revealedTo(actors.coFacilitator, sessionId)).toEqual(named);
		for (const viewer of [actors.alice, actors.bob, guests.gina, guests.ivy]) {
			expect(await revealedTo(viewer, sessionId)).toEqual(anonymous);
			expect(JSON.stringify((await viewOf(viewer, sessionId)).definitions)).not.toMatch(
				/Alice|Gina/
			);
		}
	});

	it('with full anonymity, shows nobody the authors, the facilitator included', async () => {
		const { sessionId, actors, guests } = await writtenSession('full');
		const board = recordingBoard();
		await revealDefinitions(db, actors.facilitator, sessionId, board.place);

		expect(
			board.calls[0].definitions
				.map(({ text, roleTag, author }) => ({ text, roleTag, author }))
				.sort(byText)
		).toEqual(anonymous);
		for (const viewer of [actors.facilitator, actors.coFacilitator, actors.alice, guests.gina]) {
			expect(await revealedTo(viewer, sessionId)).toEqual(anonymous);
			expect(JSON.stringify((await viewOf(viewer, sessionId)).definitions)).not.toMatch(
				/Alice|Gina/
			);
		}
	});

	it('marks the session revealed for every screen', async () => {
		const { sessionId, actors } = await writtenSession('partial');
		expect(
			(await sessionCore(db, await loadSessionContext(db, actors.alice, sessionId))).revealed
		).toBe(false);
		await revealDefinitions(db, actors.facilitator, sessionId, recordingBoard().place);
		expect((await sessionRow(sessionId)).definitionsRevealedAt).toBeInstanceOf(Date);
		expect(
			(await sessionCore(db, await loadSessionContext(db, actors.alice, sessionId))).revealed
		).toBe(true);
	});

	it('is the facilitator’s alone: others are refused, nothing is revealed or placed', async () => {
		const { sessionId, actors, guests } = await writtenSession('off');
		const board = recordingBoard();
		for (const [actor, code] of [
			[actors.alice, 'forbidden'],
			[guests.gina, 'forbidden'],
			[actors.outsider, 'session_not_participant'],
			[actors.stranger, 'forbidden']
		] as const)
			await expect(revealDefinitions(db, actor, sessionId, board.place)).rejects.toMatchObject({
				code
			});
		expect(board.calls).toEqual([]);
		expect((await sessionRow(sessionId)).definitionsRevealedAt).toBeNull();
		expect((await viewOf(actors.bob, sessionId)).definitions).toEqual([]);
	});

	it('is idempotent: revealing again keeps the moment and places the same set, once on the board', async () => {
		const { sessionId, actors } = await writtenSession('off');
		const board = recordingBoard();
		await revealDefinitions(db, actors.facilitator, sessionId, board.place);
		const { definitionsRevealedAt } = await sessionRow(sessionId);
		await revealDefinitions(db, actors.coFacilitator, sessionId, board.place);
		expect((await sessionRow(sessionId)).definitionsRevealedAt).toEqual(definitionsRevealedAt);
		expect(board.calls).toHaveLength(2);
		const sorted = (definitions: RevealedDefinition[]) =>
			[...definitions].sort((a, b) => a.id.localeCompare(b.id));
		expect(sorted(board.calls[1].definitions)).toEqual(sorted(board.calls[0].definitions));
		expect(readBoard(board.doc).cards).toHaveLength(2);
	});

	it('repairs a failed placement when revealed again', async () => {
		const { sessionId, actors } = await writtenSession('off');
		const failing: PlaceOnBoard = () => Promise.reject(new Error('board unavailable'));
		await expect(revealDefinitions(db, actors.facilitator, sessionId, failing)).rejects.toThrow(
			'board unavailable'
		);
		expect((await sessionRow(sessionId)).definitionsRevealedAt).toBeInstanceOf(Date);
		const board = recordingBoard();
		await revealDefinitions(db, actors.facilitator, sessionId, board.place);
		expect(
			readBoard(board.doc)
				.cards.map(({ text, author }) => ({ text, author }))
				.sort(byText)
		).toEqual(named.map(({ text, author }) => ({ text, author })));
	});
});

describe('after the reveal', () => {
	it('nothing can be saved, submitted or withdrawn, and nothing changes', async () => {
		const { sessionId, actors, guests } = await writtenSession('off');
		await revealDefinitions(db, actors.facilitator, sessionId, recordingBoard().place);
		const before = await db
			.select()
			.from(ownDefinitions)
			.where(eq(ownDefinitions.sessionId, sessionId));
		const attempts: [SessionActor, () => Promise<unknown>][] = [
			[
				actors.alice,
				() =>
					saveOwnDefinition(
						db,
						actors.alice,
						sessionId,
						{ text: 'Rewritten', roleTag: 'Sales' },
						false
					)
			],
			[
				actors.alice,
				() =>
					saveOwnDefinition(
						db,
						actors.alice,
						sessionId,
						{ text: 'Rewritten', roleTag: 'Sales' },
						true
					)
			],
			[actors.alice, () => withdrawOwnDefinition(db, actors.alice, sessionId)],
			[
				guests.ivy,
				() =>
					saveOwnDefinition(
						db,
						guests.ivy,
						sessionId,
						{ text: 'Late submission', roleTag: '' },
						true
					)
			],
			[
				guests.hal,
				() =>
					saveOwnDefinition(
						db,
						guests.hal,
						sessionId,
						{ text: HIDDEN.withdrawn, roleTag: '' },
						true
					)
			]
		];
		for (const [actor, attempt] of attempts)
			await expect(attempt(), actor.name).rejects.toMatchObject({ code: 'stage_not_open' });
		expect(
			await db.select().from(ownDefinitions).where(eq(ownDefinitions.sessionId, sessionId))
		).toEqual(before);
		expect(await revealedTo(actors.bob, sessionId)).toEqual(named);
	});
});
