// The facilitator closes a round with the answers given when they show agreement (nobody objected
// and a majority of those expected answered), and is refused with the reason otherwise. Who agreed,
// had concerns, was excused or did not answer is kept with the round as it closed, and published
// with the definition (names per answer only when answers were not anonymous); later roster changes
// do not rewrite it.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { consensusRounds, publications, sessionParticipants } from '$lib/server/db/schema';
import {
	answerConsensus,
	closeConsensusRound,
	latestRound,
	openConsensusRound
} from '$lib/server/consensus/rounds';
import { consensusView } from '$lib/server/consensus/views';
import { answersNeeded, closeBlock } from '$lib/server/consensus/rules';
import { publishDefinition } from '$lib/server/publications/publish';
import { readDefinition } from '$lib/server/publications/reader';
import { loadSessionContext } from '$lib/server/sessions/access';
import { goToStage } from '$lib/server/sessions/controls';
import { bringBackParticipant, excuseParticipant } from '$lib/server/sessions/roster';
import { consensusWorld, type ConsensusWorld } from '../../utils/consensus-factories';

const input = { explanation: 'Ask first.', rules: { always: [], react: [], never: [] } };

async function participantId(world: ConsensusWorld, userId: string): Promise<string> {
	const [row] = await db
		.select({ id: sessionParticipants.id })
		.from(sessionParticipants)
		.where(eq(sessionParticipants.userId, userId));
	return row.id;
}

async function roundView(world: ConsensusWorld) {
	const ctx = await loadSessionContext(db, world.actors.facilitator, world.sessionId);
	return (await consensusView(db, ctx)).round;
}

describe('the rule of agreement with the answers given', () => {
	it('needs no objection and a majority of those expected', () => {
		expect([1, 2, 3, 4, 5].map(answersNeeded)).toEqual([1, 2, 2, 3, 3]);
		const expected = ['a', 'b', 'c'];
		expect(closeBlock([{ participantId: 'a', answer: 'accept' }], expected)).toBe(
			'too_few_answers'
		);
		// A facilitator's answer (not expected) does not make up the number.
		expect(
			closeBlock(
				[
					{ participantId: 'a', answer: 'accept' },
					{ participantId: 'fay', answer: 'accept' }
				],
				expected
			)
		).toBe('too_few_answers');
		expect(
			closeBlock(
				[
					{ participantId: 'a', answer: 'accept' },
					{ participantId: 'b', answer: 'concern' }
				],
				expected
			)
		).toBeNull();
		expect(
			closeBlock(
				[
					{ participantId: 'a', answer: 'accept' },
					{ participantId: 'b', answer: 'object' }
				],
				expected
			)
		).toBe('objected');
		expect(closeBlock([], [])).toBe('too_few_answers');
		expect(closeBlock([{ participantId: 'fay', answer: 'accept' }], [])).toBeNull();
	});
});

describe('closing a round with the answers given', () => {
	it('is refused with the reason until the rule is met, and only the facilitator closes', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		await answerConsensus(db, actors.alice, sessionId, { answer: 'accept', comment: '' });
		expect(await roundView(world)).toMatchObject({
			status: 'open',
			answered: 1,
			expected: 3,
			needed: 2,
			closeBlock: 'too_few_answers'
		});
		await expect(closeConsensusRound(db, actors.facilitator, sessionId)).rejects.toMatchObject({
			code: 'consensus_too_few_answers',
			status: 409
		});
		await answerConsensus(db, actors.gina, sessionId, { answer: 'concern', comment: 'Who?' });
		expect(await roundView(world)).toMatchObject({ closeBlock: null, needed: 2 });
		for (const actor of [actors.alice, actors.gina])
			await expect(closeConsensusRound(db, actor, sessionId)).rejects.toMatchObject({
				code: 'forbidden'
			});
		expect((await latestRound(db, sessionId))?.status).toBe('open');

		await closeConsensusRound(db, actors.facilitator, sessionId);

		expect(await roundView(world)).toMatchObject({ status: 'agreed', closedBy: 'facilitator' });
		await expect(closeConsensusRound(db, actors.facilitator, sessionId)).rejects.toMatchObject({
			code: 'consensus_not_open'
		});
		// An answer after the close is refused: the round is over.
		await expect(
			answerConsensus(db, actors.bob, sessionId, { answer: 'object', comment: 'Late.' })
		).rejects.toMatchObject({ code: 'consensus_not_open' });
	});

	it('keeps who stood where as it closed, and publishes it; later roster changes do not rewrite it', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		const bob = await participantId(world, world.accounts.bob.userId);
		await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		await excuseParticipant(db, actors.facilitator, sessionId, bob);
		await answerConsensus(db, actors.alice, sessionId, { answer: 'accept', comment: '' });
		// Alice and Gina are the two expected now: Alice answered, Gina has not; 1 of 2 needed.
		expect(await roundView(world)).toMatchObject({ expected: 2, needed: 2 });
		await answerConsensus(db, actors.facilitator, sessionId, { answer: 'concern', comment: 'Hm.' });
		await expect(closeConsensusRound(db, actors.facilitator, sessionId)).rejects.toMatchObject({
			code: 'consensus_too_few_answers'
		});
		await answerConsensus(db, actors.gina, sessionId, { answer: 'concern', comment: 'Who?' });
		// Everyone expected answered: the round closed by itself, with its provenance.
		const round = await latestRound(db, sessionId);
		expect(round?.status).toBe('agreed');
		const expectedProvenance = {
			accepted: ['Alice Andreeva'],
			concerns: ['Fay Facilitator', 'Gina Guest'],
			objected: [],
			answered: ['Alice Andreeva', 'Fay Facilitator', 'Gina Guest'],
			excused: ['Bob Borisov'],
			notAnswered: [],
			expected: 2,
			needed: 2,
			closedBy: 'answers'
		};
		expect(round?.provenance).toEqual(expectedProvenance);

		await bringBackParticipant(db, actors.facilitator, sessionId, bob);
		await db
			.update(sessionParticipants)
			.set({ guestName: 'Gina Renamed' })
			.where(eq(sessionParticipants.id, actors.gina.participantId));
		const [stored] = await db
			.select({ provenance: consensusRounds.provenance })
			.from(consensusRounds)
			.where(eq(consensusRounds.sessionId, sessionId));
		expect(stored.provenance).toEqual(expectedProvenance);

		await goToStage(db, actors.facilitator, sessionId, 'publish');
		await publishDefinition(db, actors.facilitator, sessionId, input);
		const page = await readDefinition(db, world.accounts.olga.userId, world.workspaceId);
		expect(page?.publication.provenance).toEqual(expectedProvenance);
	});

	it('publishes who answered, not who answered what, when answers were anonymous', async () => {
		const world = await consensusWorld({ anonymity: 'partial' });
		const { sessionId, actors } = world;
		await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		await answerConsensus(db, actors.alice, sessionId, { answer: 'accept', comment: '' });
		await answerConsensus(db, actors.bob, sessionId, { answer: 'concern', comment: 'Who?' });
		await closeConsensusRound(db, actors.facilitator, sessionId);
		await goToStage(db, actors.facilitator, sessionId, 'publish');
		await publishDefinition(db, actors.facilitator, sessionId, input);
		const [row] = await db
			.select({ provenance: publications.provenance })
			.from(publications)
			.where(eq(publications.sessionId, sessionId));
		expect(row.provenance).toEqual({
			accepted: null,
			concerns: null,
			objected: null,
			answered: ['Alice Andreeva', 'Bob Borisov'],
			excused: [],
			notAnswered: ['Gina Guest'],
			expected: 3,
			needed: 2,
			closedBy: 'facilitator'
		});
	});
});
