// The facilitator is warned before jumping over stages whose work is empty: which stages are empty
// is the server's answer, from the definitions, the board, the criteria, the versions and rounds.
import { describe, expect, it } from 'vitest';
import { addDefinitionCards, createTheme } from '$lib/board/doc';
import { addCriterion } from '$lib/criteria/doc';
import { db } from '$lib/server/db';
import { saveVersion } from '$lib/server/draft/versions';
import { loadSessionContext } from '$lib/server/sessions/access';
import { revealDefinitions, saveOwnDefinition } from '$lib/server/sessions/definitions';
import { emptyStages } from '$lib/server/sessions/stage-work';
import { stagesLeftEmpty } from '$lib/sessions/stage-jump';
import { defaultStages } from '$lib/sessions/stages';
import { memoryDocs } from '../outputs/world';
import { sessionWorld } from '../../utils/session-factories';

describe('stages whose work is empty', () => {
	it('are all but publishing in a new session, and each leaves the list when its work is done', async () => {
		const world = await sessionWorld();
		const { sessionId, actors } = world;
		const session = { id: sessionId, workspaceId: world.workspaceId };
		const { docs } = memoryDocs();
		const empty = async () =>
			emptyStages(db, await loadSessionContext(db, actors.facilitator, sessionId), docs);
		expect(await empty()).toEqual(['definitions', 'themes', 'criteria', 'draft', 'consensus']);
		// A jump from stage 1 straight to the shared definition leaves three empty stages behind.
		expect(
			stagesLeftEmpty(defaultStages(), 'definitions', 'draft', await empty()).map((s) => s.key)
		).toEqual(['definitions', 'themes', 'criteria']);

		await saveOwnDefinition(
			db,
			actors.alice,
			sessionId,
			{ text: 'Partners, not targets', roleTag: 'Sales' },
			true
		);
		// Submitted but not revealed: nobody has seen it, the stage's work is not done.
		expect(await empty()).toContain('definitions');
		await revealDefinitions(db, actors.facilitator, sessionId, async (_session, definitions) => {
			await docs.change(session, 'board', (doc) => addDefinitionCards(doc, definitions));
		});
		expect(await empty()).not.toContain('definitions');

		await docs.change(session, 'board', (doc) => createTheme(doc, 'Partnership'));
		await docs.change(session, 'criteria', (doc) => addCriterion(doc, 'Short enough to remember'));
		await saveVersion(db, actors.facilitator, sessionId, '', () =>
			Promise.resolve({ html: '<p>We listen.</p>', text: 'We listen.' })
		);
		expect(await empty()).toEqual(['consensus']);
		expect(stagesLeftEmpty(defaultStages(), 'definitions', 'draft', await empty())).toEqual([]);
	});

	it('are the facilitator’s to ask', async () => {
		const { sessionId, actors } = await sessionWorld();
		const { docs } = memoryDocs();
		await expect(
			emptyStages(db, await loadSessionContext(db, actors.alice, sessionId), docs)
		).rejects.toMatchObject({
			code: 'forbidden'
		});
	});

	it('going back or to the next stage with work leaves nothing behind', () => {
		const stages = defaultStages();
		expect(stagesLeftEmpty(stages, 'draft', 'definitions', ['definitions', 'themes'])).toEqual([]);
		expect(stagesLeftEmpty(stages, 'themes', 'criteria', ['definitions'])).toEqual([]);
		const skipping = stages.map((s) => (s.key === 'themes' ? { ...s, skipped: true } : s));
		expect(
			stagesLeftEmpty(skipping, 'definitions', 'criteria', ['definitions', 'themes']).map(
				(s) => s.key
			)
		).toEqual(['definitions']);
	});
});
