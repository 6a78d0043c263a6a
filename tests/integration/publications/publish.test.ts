import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { publications } from '$lib/server/db/schema';
import { loadSessionContext } from '$lib/server/sessions/access';
import { goToStage } from '$lib/server/sessions/controls';
import { createSession } from '$lib/server/sessions/sessions';
import { answerConsensus, openConsensusRound } from '$lib/server/consensus/rounds';
import { publishDefinition, publishView } from '$lib/server/publications/publish';
import { createMember } from '../../utils/factories';
import {
	agreeOn,
	consensusWorld,
	saveVersion,
	type ConsensusWorld
} from '../../utils/consensus-factories';
import { userActor } from '../../utils/session-factories';

const input = {
	explanation: 'Every day we ask what the customer needs before we offer anything.',
	rules: {
		always: ['Greet within 30 seconds', ' '],
		react: ['Complaint: apologize, then fix'],
		never: ['Argue with a customer']
	}
};

async function publishedRows(workspaceId: string) {
	return db
		.select()
		.from(publications)
		.where(eq(publications.workspaceId, workspaceId))
		.orderBy(publications.version);
}

async function toPublish(world: ConsensusWorld) {
	await goToStage(db, world.actors.facilitator, world.sessionId, 'publish');
}

describe('publishing', () => {
	it('publishes exactly the agreed version, with the session title, participants and tally', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		await agreeOn(world, world.v1.id);
		// A later version saved after the agreement is not what was agreed.
		await saveVersion(sessionId, 2, 'A later wording nobody agreed on.');
		await toPublish(world);
		const published = await publishDefinition(db, actors.facilitator, sessionId, input);
		expect(published).toMatchObject({ version: 1, workspaceId: world.workspaceId });
		const [row] = await publishedRows(world.workspaceId);
		expect(row).toMatchObject({
			version: 1,
			sessionId,
			sessionTitle: 'Customer focus 2026',
			definitionText: 'We treat every customer as a partner.',
			definitionHtml: '<p>We treat every customer as a partner.</p>',
			explanation: input.explanation,
			rules: {
				always: ['Greet within 30 seconds'],
				react: ['Complaint: apologize, then fix'],
				never: ['Argue with a customer']
			},
			consensus: { accept: 2, concern: 1, object: 0 },
			publishedBy: world.accounts.admin.userId
		});
		expect(row.participants).toEqual([
			'Alice Andreeva',
			'Bob Borisov',
			'Fay Facilitator',
			'Gina Guest'
		]);
		expect(
			await db.select().from(publications).where(eq(publications.sessionId, sessionId))
		).toHaveLength(1);
	});

	it('is refused while anyone objects, while the round is open, and without any agreed version', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		await toPublish(world);
		await expect(publishDefinition(db, actors.facilitator, sessionId, input)).rejects.toMatchObject(
			{
				code: 'nothing_to_publish',
				status: 409
			}
		);
		await goToStage(db, actors.facilitator, sessionId, 'consensus');
		await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		await answerConsensus(db, actors.alice, sessionId, { answer: 'accept', comment: '' });
		await toPublish(world);
		await expect(publishDefinition(db, actors.facilitator, sessionId, input)).rejects.toMatchObject(
			{
				code: 'consensus_blocked'
			}
		);
		expect(
			(await publishView(db, await loadSessionContext(db, actors.facilitator, sessionId))).blockedBy
		).toBe('round_open');
		await goToStage(db, actors.facilitator, sessionId, 'consensus');
		await answerConsensus(db, actors.bob, sessionId, { answer: 'object', comment: 'Not yet.' });
		await goToStage(db, actors.facilitator, sessionId, 'publish');
		await expect(publishDefinition(db, actors.facilitator, sessionId, input)).rejects.toMatchObject(
			{
				code: 'consensus_blocked'
			}
		);
		const view = await publishView(db, await loadSessionContext(db, actors.facilitator, sessionId));
		expect(view).toMatchObject({
			blockedBy: 'objected',
			agreed: null,
			canPublish: true,
			nextVersion: 1
		});
		expect(await publishedRows(world.workspaceId)).toEqual([]);
	});

	it('is refused to participants, guests and outsiders, and outside the publish stage', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		await agreeOn(world, world.v1.id);
		await expect(publishDefinition(db, actors.facilitator, sessionId, input)).rejects.toMatchObject(
			{
				code: 'stage_not_open'
			}
		);
		await toPublish(world);
		for (const actor of [actors.alice, actors.gina])
			await expect(publishDefinition(db, actor, sessionId, input)).rejects.toMatchObject({
				code: 'forbidden'
			});
		await expect(publishDefinition(db, actors.olga, sessionId, input)).rejects.toMatchObject({
			status: 403
		});
		const asAlice = await publishView(db, await loadSessionContext(db, actors.alice, sessionId));
		expect(asAlice).toMatchObject({
			canPublish: false,
			blockedBy: null,
			agreed: { versionNumber: 1 }
		});
		expect(await publishedRows(world.workspaceId)).toEqual([]);
	});

	it('lets a workspace admin who is a plain participant publish', async () => {
		const world = await consensusWorld();
		const secondAdmin = await createMember(world.accounts.admin, 'admin', 'Ada Second');
		const sessionId = await createSession(db, world.accounts.cora.userId, world.workspaceId, {
			title: 'Run by Cora',
			goal: '',
			scheduledOn: null,
			anonymity: 'off',
			allowGuests: false,
			participantIds: [secondAdmin.userId]
		});
		const cora = world.actors.cora;
		await goToStage(db, cora, sessionId, 'consensus');
		const version = await saveVersion(sessionId, 1, 'Short and agreed.');
		await openConsensusRound(db, cora, sessionId, version.id);
		await answerConsensus(db, userActor(secondAdmin), sessionId, { answer: 'accept', comment: '' });
		await goToStage(db, cora, sessionId, 'publish');
		const ctx = await loadSessionContext(db, userActor(secondAdmin), sessionId);
		expect(ctx.isFacilitator).toBe(false);
		const published = await publishDefinition(db, userActor(secondAdmin), sessionId, input);
		expect(published.version).toBe(1);
	});

	it('publishes a round once; a later agreement becomes the next version and both stay', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		await agreeOn(world, world.v1.id);
		await toPublish(world);
		await publishDefinition(db, actors.facilitator, sessionId, input);
		await expect(publishDefinition(db, actors.facilitator, sessionId, input)).rejects.toMatchObject(
			{
				code: 'nothing_to_publish'
			}
		);
		expect(
			(await publishView(db, await loadSessionContext(db, actors.alice, sessionId))).blockedBy
		).toBe('already_published');

		const v2 = await saveVersion(
			sessionId,
			2,
			'We treat every customer, inside and outside, as a partner.'
		);
		await goToStage(db, actors.facilitator, sessionId, 'consensus');
		await agreeOn(world, v2.id);
		await toPublish(world);
		expect(
			(await publishView(db, await loadSessionContext(db, actors.facilitator, sessionId)))
				.nextVersion
		).toBe(2);
		await publishDefinition(db, actors.facilitator, sessionId, {
			...input,
			explanation: 'Updated.'
		});
		const rows = await publishedRows(world.workspaceId);
		expect(rows.map((r) => [r.version, r.definitionText])).toEqual([
			[1, 'We treat every customer as a partner.'],
			[2, 'We treat every customer, inside and outside, as a partner.']
		]);
	});

	it('gives two publications at once different version numbers', async () => {
		const world = await consensusWorld();
		const { actors, workspaceId } = world;
		// A second session of the same workspace, agreed too.
		const otherId = await createSession(db, world.accounts.admin.userId, workspaceId, {
			title: 'Second session',
			goal: '',
			scheduledOn: null,
			anonymity: 'off',
			allowGuests: false,
			participantIds: [world.accounts.alice.userId]
		});
		await goToStage(db, actors.facilitator, otherId, 'consensus');
		const otherVersion = await saveVersion(otherId, 1, 'Another wording.');
		await openConsensusRound(db, actors.facilitator, otherId, otherVersion.id);
		await answerConsensus(db, actors.alice, otherId, { answer: 'accept', comment: '' });
		await goToStage(db, actors.facilitator, otherId, 'publish');
		await agreeOn(world, world.v1.id);
		await toPublish(world);

		const refused = (error: unknown) => ({ refused: error });
		const [first, other, again] = await Promise.all([
			publishDefinition(db, actors.facilitator, world.sessionId, input).catch(refused),
			publishDefinition(db, actors.cora, otherId, input),
			// The same round twice at once: only one of these may succeed, whichever comes first.
			publishDefinition(db, actors.cora, world.sessionId, input).catch(refused)
		]);
		expect(other).not.toHaveProperty('refused');
		const sameRound = [first, again];
		expect(sameRound.filter((result) => 'refused' in result)).toEqual([
			{ refused: expect.objectContaining({ code: 'nothing_to_publish' }) }
		]);
		const versions = (await publishedRows(workspaceId)).map((r) => r.version);
		expect(versions).toEqual([1, 2]);
	});

	it('sanitizes the definition HTML it publishes and checks the explanation and rules', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		const tricky = await saveVersion(
			sessionId,
			2,
			'Partner',
			'<p onclick="steal()">Partner<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a></p>'
		);
		await agreeOn(world, tricky.id);
		await toPublish(world);
		await expect(
			publishDefinition(db, actors.facilitator, sessionId, { ...input, explanation: '  ' })
		).rejects.toMatchObject({
			code: 'text_required',
			field: 'explanation'
		});
		await expect(
			publishDefinition(db, actors.facilitator, sessionId, {
				...input,
				rules: { ...input.rules, never: ['x'.repeat(301)] }
			})
		).rejects.toMatchObject({ code: 'text_too_long', field: 'never' });
		await publishDefinition(db, actors.facilitator, sessionId, input);
		const [row] = await publishedRows(world.workspaceId);
		expect(row.definitionHtml).toBe('<p>Partner<a rel="noopener noreferrer nofollow">x</a></p>');
	});
});
