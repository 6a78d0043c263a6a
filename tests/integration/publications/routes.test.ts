// The reader pages, the acknowledgement action and the stage endpoints, called the way SvelteKit
// calls them: the layout's check does not cover actions or endpoints, so each is tried directly.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { goToStage } from '$lib/server/sessions/controls';
import type { SessionActor } from '$lib/server/sessions/access';
import { publishDefinition } from '$lib/server/publications/publish';
import { readDefinition } from '$lib/server/publications/reader';
import * as appLayout from '../../../src/routes/(app)/+layout.server';
import * as readerPage from '../../../src/routes/(app)/w/[ws=uuid]/definition/+page.server';
import * as versionPage from '../../../src/routes/(app)/w/[ws=uuid]/definition/v/[n]/+page.server';
import * as reachPage from '../../../src/routes/(app)/w/[ws=uuid]/definition/reach/+page.server';
import * as consensusEndpoint from '../../../src/routes/(live)/s/[id=uuid]/consensus/+server';
import * as answerEndpoint from '../../../src/routes/(live)/s/[id=uuid]/consensus/answer/+server';
import * as publishEndpoint from '../../../src/routes/(live)/s/[id=uuid]/publish/+server';
import { agreeOn, consensusWorld, type ConsensusWorld } from '../../utils/consensus-factories';

function locals(actor: SessionActor): App.Locals {
	if (actor.kind === 'guest') return { user: null, sessionToken: null, guest: actor };
	return {
		user: { id: actor.userId, name: actor.name, email: 'x@example.test', language: 'en' },
		sessionToken: null,
		guest: null
	};
}

/** A SvelteKit event with just the fields these handlers read. */
function event<E>(
	actor: SessionActor,
	url: string,
	params: Record<string, string>,
	init?: RequestInit
): E {
	const request = new Request(`http://localhost${url}`, init);
	return { request, locals: locals(actor), params, url: new URL(request.url) } as unknown as E;
}

function ackForm(version: string): RequestInit {
	const body = new FormData();
	body.set('version', version);
	return { method: 'POST', body };
}

async function published(world: ConsensusWorld) {
	await agreeOn(world, world.v1.id);
	await goToStage(db, world.actors.facilitator, world.sessionId, 'publish');
	await publishDefinition(db, world.actors.facilitator, world.sessionId, {
		explanation: 'Ask first.',
		rules: { always: ['Greet'], react: [], never: [] }
	});
}

describe('reader routes', () => {
	it('ship no JavaScript', () => {
		expect([readerPage.csr, versionPage.csr, reachPage.csr]).toEqual([false, false, false]);
	});

	it('keep guests out of the reader pages and the acknowledgement', async () => {
		const world = await consensusWorld();
		await published(world);
		const { gina } = world.actors;
		const ws = { ws: world.workspaceId };
		const base = `/w/${world.workspaceId}/definition`;
		expect(() => appLayout.load(event(gina, base, {}))).toThrow(
			expect.objectContaining({ status: 403 })
		);
		await expect(readerPage.load(event(gina, base, ws))).rejects.toMatchObject({ status: 403 });
		await expect(
			versionPage.load(event(gina, `${base}/v/1`, { ...ws, n: '1' }))
		).rejects.toMatchObject({ status: 403 });
		await expect(reachPage.load(event(gina, `${base}/reach`, ws))).rejects.toMatchObject({
			status: 403
		});
		await expect(
			readerPage.actions.acknowledge(event(gina, base, ws, ackForm('1')))
		).rejects.toMatchObject({ status: 403 });
	});

	it('acknowledge with a plain form post, then redirect back; pressing again changes nothing', async () => {
		const world = await consensusWorld();
		await published(world);
		const { olga } = world.actors;
		const ws = { ws: world.workspaceId };
		const base = `/w/${world.workspaceId}/definition`;
		for (let i = 0; i < 2; i += 1)
			await expect(
				readerPage.actions.acknowledge(event(olga, base, ws, ackForm('1')))
			).rejects.toMatchObject({
				status: 303,
				location: `${base}#acknowledge`
			});
		expect(await readerPage.load(event(olga, base, ws))).toMatchObject({
			definition: { acknowledgedAt: expect.any(Date) }
		});
		const failure = await readerPage.actions.acknowledge(event(olga, base, ws, ackForm('abc')));
		expect(failure).toMatchObject({ status: 400 });
		await expect(
			readerPage.actions.acknowledge(event(olga, base, ws, ackForm('7')))
		).rejects.toMatchObject({ status: 404 });
	});

	it('answer unknown versions with 404 and the reach page only to leadership', async () => {
		const world = await consensusWorld();
		await published(world);
		const ws = { ws: world.workspaceId };
		const base = `/w/${world.workspaceId}/definition`;
		for (const n of ['0', '2', 'x', '1e3'])
			await expect(
				versionPage.load(event(world.actors.alice, `${base}/v/${n}`, { ...ws, n }))
			).rejects.toMatchObject({
				status: 404
			});
		const v1 = await versionPage.load(event(world.actors.alice, `${base}/v/1`, { ...ws, n: '1' }));
		expect(v1).toMatchObject({ definition: { publication: { version: 1 } } });
		await expect(
			reachPage.load(event(world.actors.alice, `${base}/reach`, ws))
		).rejects.toMatchObject({ status: 403 });
		const reach = await reachPage.load(event(world.actors.cora, `${base}/reach`, ws));
		expect(reach).toMatchObject({ reach: { version: 1, acknowledged: 0 } });
	});
});

describe('stage endpoints', () => {
	it('refuse bodies that are not JSON and report rule errors with their stable id', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		const params = { id: sessionId };
		const open = await consensusEndpoint.POST(
			event(actors.facilitator, `/s/${sessionId}/consensus`, params, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: `versionId=${world.v1.id}`
			})
		);
		expect(open.status).toBe(415);
		const ok = await consensusEndpoint.POST(
			event(actors.facilitator, `/s/${sessionId}/consensus`, params, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ versionId: world.v1.id })
			})
		);
		expect(ok.status).toBe(200);
		const missing = await answerEndpoint.PUT(
			event(actors.gina, `/s/${sessionId}/consensus/answer`, params, {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ answer: 'object', comment: '' })
			})
		);
		expect(missing.status).toBe(400);
		expect(await missing.json()).toEqual({
			error: 'comment_required',
			field: 'comment',
			params: {}
		});
		const answered = await answerEndpoint.PUT(
			event(actors.gina, `/s/${sessionId}/consensus/answer`, params, {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ answer: 'concern', comment: 'Name the customers.' })
			})
		);
		expect(await answered.json()).toEqual({ status: 'open', sentBackToDraft: false });
		const view = (await (
			await consensusEndpoint.GET(event(actors.gina, `/s/${sessionId}/consensus`, params))
		).json()) as { round: { tally: Record<string, number> } };
		expect(view.round.tally).toEqual({ accept: 0, concern: 1, object: 0 });

		const publish = await publishEndpoint.POST(
			event(actors.alice, `/s/${sessionId}/publish`, params, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ explanation: 'x', rules: { always: [], react: [], never: [] } })
			})
		);
		expect(publish.status).toBe(403);
		expect(await readDefinition(db, world.accounts.alice.userId, world.workspaceId)).toBeNull();
	});
});
