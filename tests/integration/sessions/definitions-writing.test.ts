// Stage 1, writing: the own definition is saved as one types (the draft survives a reload),
// submitted, withdrawn; refused outside its open stage, while locked, or when submitted empty.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { ownDefinitions } from '$lib/server/db/schema';
import { loadSessionContext, type SessionActor } from '$lib/server/sessions/access';
import { goToStage, setLocked } from '$lib/server/sessions/controls';
import {
	definitionsView,
	revealDefinitions,
	saveOwnDefinition,
	withdrawOwnDefinition
} from '$lib/server/sessions/definitions';
import { DEFINITION_MAX, ownDefinitionSchema, ROLE_TAG_MAX } from '$lib/validation/session';
import { joinGuest, sessionWorld } from '../../utils/session-factories';

/** What a fresh page load shows the actor (a new context, as after a reload). */
async function reload(actor: SessionActor, sessionId: string) {
	return definitionsView(db, await loadSessionContext(db, actor, sessionId));
}

async function storedDefinitions(sessionId: string) {
	return db.select().from(ownDefinitions).where(eq(ownDefinitions.sessionId, sessionId));
}

describe('saving an own definition', () => {
	it('autosaves a draft that survives a reload, and saving again replaces it', async () => {
		const { sessionId, actors } = await sessionWorld();
		const saved = await saveOwnDefinition(
			db,
			actors.alice,
			sessionId,
			{ text: 'We listen first', roleTag: 'Front office' },
			false
		);
		expect(saved).toEqual({ text: 'We listen first', roleTag: 'Front office', submittedAt: null });
		expect((await reload(actors.alice, sessionId)).own).toEqual(saved);

		await saveOwnDefinition(
			db,
			actors.alice,
			sessionId,
			{ text: 'We listen first, then act', roleTag: 'Front office' },
			false
		);
		const view = await reload(actors.alice, sessionId);
		expect(view.own).toEqual({
			text: 'We listen first, then act',
			roleTag: 'Front office',
			submittedAt: null
		});
		expect(view.revealed).toBe(false);
		expect(view.definitions).toEqual([]);
		expect(await storedDefinitions(sessionId)).toHaveLength(1);
	});

	it('starts empty for someone who has written nothing', async () => {
		const { sessionId, actors } = await sessionWorld();
		expect((await reload(actors.bob, sessionId)).own).toEqual({
			text: '',
			roleTag: '',
			submittedAt: null
		});
	});

	it('submits, shows the facilitator that (not what) was submitted, and can be withdrawn', async () => {
		const { sessionId, actors } = await sessionWorld({ allowGuests: true });
		const guest = await joinGuest(sessionId, 'Gina Guest');
		const submitted = await saveOwnDefinition(
			db,
			actors.alice,
			sessionId,
			{ text: 'The customer is a partner', roleTag: 'Sales' },
			true
		);
		expect(submitted.submittedAt).toBeInstanceOf(Date);
		await saveOwnDefinition(
			db,
			guest.actor,
			sessionId,
			{ text: 'Remember my name', roleTag: 'Customer' },
			true
		);
		await saveOwnDefinition(
			db,
			actors.bob,
			sessionId,
			{ text: 'Half written', roleTag: '' },
			false
		);

		const submissions = async () =>
			Object.fromEntries(
				(await reload(actors.facilitator, sessionId)).submissions.map((s) => [s.name, s.submitted])
			);
		expect(await submissions()).toEqual({
			'Alice Andreeva': true,
			'Bob Borisov': false,
			'Gina Guest': true
		});
		expect((await reload(actors.alice, sessionId)).own).toMatchObject({
			text: 'The customer is a partner',
			submittedAt: submitted.submittedAt
		});

		await withdrawOwnDefinition(db, actors.alice, sessionId);
		expect(await submissions()).toEqual({
			'Alice Andreeva': false,
			'Bob Borisov': false,
			'Gina Guest': true
		});
		// Withdrawing keeps the text to go on editing.
		expect((await reload(actors.alice, sessionId)).own).toEqual({
			text: 'The customer is a partner',
			roleTag: 'Sales',
			submittedAt: null
		});
	});

	it('refuses to submit an empty text, writing nothing', async () => {
		const { sessionId, actors } = await sessionWorld();
		for (const text of ['', '   \n\t '])
			await expect(
				saveOwnDefinition(db, actors.alice, sessionId, { text, roleTag: 'Sales' }, true)
			).rejects.toMatchObject({ code: 'text_required', field: 'text' });
		expect(await storedDefinitions(sessionId)).toEqual([]);

		await saveOwnDefinition(
			db,
			actors.alice,
			sessionId,
			{ text: 'A draft', roleTag: 'Sales' },
			false
		);
		const before = await storedDefinitions(sessionId);
		await expect(
			saveOwnDefinition(db, actors.alice, sessionId, { text: ' ', roleTag: 'Sales' }, true)
		).rejects.toMatchObject({ code: 'text_required' });
		expect(await storedDefinitions(sessionId)).toEqual(before);
	});

	it('refuses saving and withdrawing in another stage, changing nothing', async () => {
		const { sessionId, actors } = await sessionWorld();
		await saveOwnDefinition(
			db,
			actors.alice,
			sessionId,
			{ text: 'Written in stage 1', roleTag: 'Sales' },
			true
		);
		await goToStage(db, actors.facilitator, sessionId, 'themes');
		const before = await storedDefinitions(sessionId);
		await expect(
			saveOwnDefinition(
				db,
				actors.alice,
				sessionId,
				{ text: 'Sneaked in later', roleTag: 'Sales' },
				false
			)
		).rejects.toMatchObject({ code: 'stage_not_open' });
		await expect(
			saveOwnDefinition(db, actors.bob, sessionId, { text: 'Sneaked in later', roleTag: '' }, true)
		).rejects.toMatchObject({ code: 'stage_not_open' });
		await expect(withdrawOwnDefinition(db, actors.alice, sessionId)).rejects.toMatchObject({
			code: 'stage_not_open'
		});
		expect(await storedDefinitions(sessionId)).toEqual(before);
	});

	it('refuses saving and withdrawing while locked, changing nothing', async () => {
		const { sessionId, actors } = await sessionWorld();
		await saveOwnDefinition(
			db,
			actors.alice,
			sessionId,
			{ text: 'Before the lock', roleTag: 'Sales' },
			true
		);
		await setLocked(db, actors.facilitator, sessionId, true);
		const before = await storedDefinitions(sessionId);
		await expect(
			saveOwnDefinition(
				db,
				actors.alice,
				sessionId,
				{ text: 'During the lock', roleTag: 'Sales' },
				false
			)
		).rejects.toMatchObject({ code: 'session_locked' });
		await expect(
			saveOwnDefinition(db, actors.bob, sessionId, { text: 'During the lock', roleTag: '' }, true)
		).rejects.toMatchObject({ code: 'session_locked' });
		await expect(withdrawOwnDefinition(db, actors.alice, sessionId)).rejects.toMatchObject({
			code: 'session_locked'
		});
		expect(await storedDefinitions(sessionId)).toEqual(before);
	});

	it('refuses people who are not in the session', async () => {
		const { sessionId, actors } = await sessionWorld();
		await expect(
			saveOwnDefinition(db, actors.outsider, sessionId, { text: 'Let me in', roleTag: '' }, true)
		).rejects.toMatchObject({ code: 'session_not_participant' });
		await expect(
			saveOwnDefinition(db, actors.stranger, sessionId, { text: 'Let me in', roleTag: '' }, true)
		).rejects.toMatchObject({ code: 'forbidden' });
		expect(await storedDefinitions(sessionId)).toEqual([]);
	});
});

describe('an autosave arriving after the submission', () => {
	// The screen makes a submitted text read-only until it is withdrawn, but the autosave endpoint
	// (PUT /s/[id]/definitions → saveOwnDefinition(..., submit = false)) can still be reached, e.g.
	// from a second tab opened before the submission or a delayed retry. It is refused with
	// definition_submitted and changes nothing, so only submitted wording is ever revealed.
	it('is refused with definition_submitted and changes nothing, until the author takes it back', async () => {
		const { sessionId, actors } = await sessionWorld({ anonymity: 'off' });
		await saveOwnDefinition(
			db,
			actors.bob,
			sessionId,
			{ text: 'Bob’s submitted words', roleTag: 'Sales' },
			true
		);
		const before = await storedDefinitions(sessionId);
		for (const text of ['   ', 'half-typed second thou'])
			await expect(
				saveOwnDefinition(db, actors.bob, sessionId, { text, roleTag: '' }, false)
			).rejects.toMatchObject({ code: 'definition_submitted', status: 409 });
		expect(await storedDefinitions(sessionId)).toEqual(before);

		await withdrawOwnDefinition(db, actors.bob, sessionId);
		await expect(
			saveOwnDefinition(db, actors.bob, sessionId, { text: 'Edited', roleTag: 'Sales' }, false)
		).resolves.toEqual({ text: 'Edited', roleTag: 'Sales', submittedAt: null });
	});

	it('cannot leave the facilitator counting a submission the reveal then drops', async () => {
		const { sessionId, actors } = await sessionWorld({ anonymity: 'off' });
		await saveOwnDefinition(
			db,
			actors.bob,
			sessionId,
			{ text: 'Bob’s submitted words', roleTag: '' },
			true
		);
		await saveOwnDefinition(db, actors.bob, sessionId, { text: '   ', roleTag: '' }, false).catch(
			() => undefined
		);
		const bobSubmitted = (await reload(actors.facilitator, sessionId)).submissions.find(
			(s) => s.name === 'Bob Borisov'
		)?.submitted;
		await revealDefinitions(db, actors.facilitator, sessionId, async () => {});
		const revealed = (await reload(actors.alice, sessionId)).definitions.filter(
			(d) => d.author === 'Bob Borisov'
		);
		expect(revealed.length > 0).toBe(bobSubmitted);
	});

	it('never gets wording its author did not submit revealed', async () => {
		const { sessionId, actors } = await sessionWorld({ anonymity: 'off' });
		await saveOwnDefinition(
			db,
			actors.bob,
			sessionId,
			{ text: 'Bob’s submitted words', roleTag: '' },
			true
		);
		await saveOwnDefinition(
			db,
			actors.bob,
			sessionId,
			{ text: 'half-typed second thou', roleTag: '' },
			false
		).catch(() => undefined);
		await revealDefinitions(db, actors.facilitator, sessionId, async () => {});
		const revealed = (await reload(actors.alice, sessionId)).definitions.map((d) => d.text);
		expect(revealed).not.toContain('half-typed second thou');
	});
});

describe('ownDefinitionSchema', () => {
	it('bounds the text and trims the role tag', () => {
		expect(
			ownDefinitionSchema.parse({ text: 'x'.repeat(DEFINITION_MAX), roleTag: '  Sales  ' })
		).toEqual({
			text: 'x'.repeat(DEFINITION_MAX),
			roleTag: 'Sales'
		});
		expect(ownDefinitionSchema.parse({ text: '' })).toEqual({ text: '', roleTag: '' });
		const long = ownDefinitionSchema.safeParse({
			text: 'x'.repeat(DEFINITION_MAX + 1),
			roleTag: ''
		});
		expect(long.error?.issues.map((issue) => issue.message)).toEqual(['text_too_long']);
		const longTag = ownDefinitionSchema.safeParse({
			text: 'ok',
			roleTag: 'r'.repeat(ROLE_TAG_MAX + 1)
		});
		expect(longTag.error?.issues.map((issue) => issue.message)).toEqual(['text_too_long']);
	});
});
