// The voting endpoints end to end on the real sync server: proposals written into the session's
// criteria document (by a member's sync connection or the guests' HTTP fallback) are what a vote
// opens over; bodies that are not JSON, or not well-formed, are refused with a stable error id.
import { describe, expect, it } from 'vitest';
import { addCriterion, readCriteria } from '$lib/criteria/doc';
import type { ProposalItem, VotingView } from '$lib/criteria/voting';
import { db } from '$lib/server/db';
import { goToStage } from '$lib/server/sessions/controls';
import { syncCriteriaDoc } from '$lib/server/voting';
import { getProposals, getVoting, postProposals, postVoting, putVoting } from './endpoint';
import { votingSession } from './fixture';

async function sessionWithSyncedProposals() {
	const fixture = await votingSession({ proposals: [] });
	const session = { id: fixture.sessionId, workspaceId: fixture.workspaceId };
	await syncCriteriaDoc.change(session, (doc) => {
		addCriterion(doc, 'Short enough to remember');
		addCriterion(doc, 'Says what the customer gets');
	});
	return { ...fixture, session };
}

describe('voting endpoints', () => {
	it('open a vote over the proposals in the criteria room, and take dots as JSON', async () => {
		const { sessionId, actors } = await sessionWithSyncedProposals();
		const opened = await postVoting(actors.facilitator, sessionId, {
			action: 'open',
			budget: 4,
			maxPerItem: 3
		});
		expect(opened.status).toBe(200);
		const view = opened.body as VotingView;
		expect(view.round?.items.map((item) => item.text)).toEqual([
			'Short enough to remember',
			'Says what the customer gets'
		]);
		expect(view.round).toMatchObject({ budget: 4, maxPerItem: 3 });
		const itemId = view.round?.items[0].id;
		const voted = await putVoting(actors.guest, sessionId, { itemId, dots: 3 });
		expect(voted.status).toBe(200);
		expect((voted.body as VotingView).round?.myDotsUsed).toBe(3);
		const over = await putVoting(actors.guest, sessionId, {
			itemId: view.round?.items[1].id,
			dots: 2
		});
		expect(over).toMatchObject({ status: 409, body: { error: 'over_budget', field: 'dots' } });
	});

	it('refuse bodies that are not JSON or not well-formed, changing nothing', async () => {
		const { sessionId, actors } = await sessionWithSyncedProposals();
		const form = await postVoting(
			actors.facilitator,
			sessionId,
			'action=open',
			'application/x-www-form-urlencoded'
		);
		expect(form).toMatchObject({ status: 415, body: { error: 'invalid_input' } });
		const unknown = await postVoting(actors.facilitator, sessionId, { action: 'explode' });
		expect(unknown).toMatchObject({ status: 400, body: { error: 'invalid_input' } });
		const broken = await postVoting(actors.facilitator, sessionId, '{"action":');
		expect(broken).toMatchObject({ status: 400, body: { error: 'invalid_input' } });
		expect(((await getVoting(actors.alice, sessionId)).body as VotingView).round).toBeNull();
		const badDots = await putVoting(actors.alice, sessionId, {
			itemId: crypto.randomUUID(),
			dots: -2
		});
		expect(badDots).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'dots' } });
	});

	it('answer a participant trying a facilitator action with forbidden', async () => {
		const { sessionId, actors } = await sessionWithSyncedProposals();
		for (const actor of [actors.alice, actors.guest])
			expect(await postVoting(actor, sessionId, { action: 'open' })).toMatchObject({
				status: 403,
				body: { error: 'forbidden' }
			});
		expect(((await getVoting(actors.facilitator, sessionId)).body as VotingView).round).toBeNull();
	});
});

describe('proposals over HTTP (for guests, who have no sync connection)', () => {
	it('list, add, rewrite and remove proposals in the criteria room', async () => {
		const { sessionId, actors, session } = await sessionWithSyncedProposals();
		const listed = await getProposals(actors.guest, sessionId);
		expect((listed.body as { proposals: ProposalItem[] }).proposals.map((p) => p.text)).toEqual([
			'Short enough to remember',
			'Says what the customer gets'
		]);
		const added = await postProposals(actors.guest, sessionId, {
			action: 'add',
			text: '  Honest  '
		});
		const proposals = (added.body as { proposals: ProposalItem[] }).proposals;
		expect(proposals.map((p) => p.text)).toEqual([
			'Short enough to remember',
			'Says what the customer gets',
			'Honest'
		]);
		await postProposals(actors.guest, sessionId, {
			action: 'edit',
			id: proposals[2].id,
			text: 'Honest about limits'
		});
		await postProposals(actors.alice, sessionId, { action: 'remove', id: proposals[0].id });
		let inRoom: string[] = [];
		await syncCriteriaDoc.change(session, (doc) => {
			inRoom = readCriteria(doc).map((criterion) => criterion.text);
		});
		expect(inRoom).toEqual(['Says what the customer gets', 'Honest about limits']);
	});

	it('refuse empty and over-long proposals, proposals outside stage 3, and outsiders', async () => {
		const { sessionId, actors } = await sessionWithSyncedProposals();
		expect(
			await postProposals(actors.guest, sessionId, { action: 'add', text: ' ' })
		).toMatchObject({
			status: 400,
			body: { error: 'text_required' }
		});
		expect(
			await postProposals(actors.guest, sessionId, { action: 'add', text: 'x'.repeat(201) })
		).toMatchObject({
			status: 400,
			body: { error: 'text_too_long' }
		});
		expect(await getProposals(actors.outsider, sessionId)).toMatchObject({ status: 403 });
		await goToStage(db, actors.facilitator, sessionId, 'draft');
		expect(
			await postProposals(actors.guest, sessionId, { action: 'add', text: 'Late' })
		).toMatchObject({
			status: 409,
			body: { error: 'stage_not_open' }
		});
		const listed = await getProposals(actors.guest, sessionId);
		expect((listed.body as { proposals: ProposalItem[] }).proposals).toHaveLength(2);
	});
});
