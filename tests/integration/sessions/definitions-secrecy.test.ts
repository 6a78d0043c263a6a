// Stage 1 before the reveal: nobody reads anybody else's definition, the facilitator included, who
// sees only names and whether each has submitted. Checked on everything each viewer's page gets
// (the definitions view and the session core), serialized as it would be sent.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { loadSessionContext, type SessionActor } from '$lib/server/sessions/access';
import {
	definitionsView,
	revealedDefinitions,
	saveOwnDefinition
} from '$lib/server/sessions/definitions';
import { sessionCore } from '$lib/server/sessions/view';
import { anonymityModes } from '$lib/sessions/stages';
import { joinGuest, sessionWorld } from '../../utils/session-factories';

/** Everything a viewer's session page receives, as the JSON that goes over the wire. */
async function wireFor(actor: SessionActor, sessionId: string) {
	const ctx = await loadSessionContext(db, actor, sessionId);
	const view = await definitionsView(db, ctx);
	const core = await sessionCore(db, ctx);
	return { view, json: JSON.stringify({ view, core }) };
}

function expectNoneOf(json: string, secrets: string[]) {
	for (const secret of secrets) expect(json, `leaked "${secret}"`).not.toContain(secret);
}

describe('own definitions before the reveal', () => {
	it.each(anonymityModes)('are readable by their author only (anonymity %s)', async (anonymity) => {
		const { sessionId, actors } = await sessionWorld({ anonymity, allowGuests: true });
		const guest = await joinGuest(sessionId, 'Gina Guest');
		const written = {
			alice: { text: 'ALICE-SECRET-kite customers are partners', roleTag: 'ALICE-TAG-sales' },
			bob: { text: 'BOB-SECRET-lantern still a draft', roleTag: 'BOB-TAG-security' },
			guest: { text: 'GUEST-SECRET-harbour know my name', roleTag: 'GUEST-TAG-customer' },
			fay: { text: 'FAY-SECRET-meadow the facilitator writes too', roleTag: 'FAY-TAG-ceo' }
		};
		await saveOwnDefinition(db, actors.alice, sessionId, written.alice, true);
		await saveOwnDefinition(db, actors.bob, sessionId, written.bob, false);
		await saveOwnDefinition(db, guest.actor, sessionId, written.guest, true);
		await saveOwnDefinition(db, actors.facilitator, sessionId, written.fay, true);
		const secretsOf = (who: keyof typeof written) => [written[who].text, written[who].roleTag];

		// The facilitator: own text, plus exactly names and submitted flags of the participants.
		const fay = await wireFor(actors.facilitator, sessionId);
		expectNoneOf(fay.json, [...secretsOf('alice'), ...secretsOf('bob'), ...secretsOf('guest')]);
		expect(fay.view.own).toMatchObject(written.fay);
		expect(fay.view.revealed).toBe(false);
		expect(fay.view.definitions).toEqual([]);
		for (const row of fay.view.submissions)
			expect(Object.keys(row).sort()).toEqual(['name', 'participantId', 'submitted']);
		expect(fay.view.submissions.map(({ name, submitted }) => ({ name, submitted }))).toEqual(
			expect.arrayContaining([
				{ name: 'Alice Andreeva', submitted: true },
				{ name: 'Bob Borisov', submitted: false },
				{ name: 'Gina Guest', submitted: true }
			])
		);
		expect(fay.view.submissions).toHaveLength(3);

		// A second facilitator sees no more, and not the first facilitator's text either.
		const cora = await wireFor(actors.coFacilitator, sessionId);
		expectNoneOf(cora.json, [
			...secretsOf('alice'),
			...secretsOf('bob'),
			...secretsOf('guest'),
			...secretsOf('fay')
		]);
		expect(cora.view.submissions).toHaveLength(3);

		// Participants see their own and nothing of anybody else, not even who has submitted.
		const viewers = { alice: actors.alice, bob: actors.bob, guest: guest.actor } as const;
		for (const [who, actor] of Object.entries(viewers) as [keyof typeof viewers, SessionActor][]) {
			const { view, json } = await wireFor(actor, sessionId);
			const others = (['alice', 'bob', 'guest', 'fay'] as const).filter((other) => other !== who);
			expectNoneOf(json, others.flatMap(secretsOf));
			expect(view.own).toMatchObject(written[who]);
			expect(view.submissions).toEqual([]);
			expect(view.definitions).toEqual([]);
		}

		// The service that lists revealed definitions lists nothing yet, to anyone.
		expect(
			await revealedDefinitions(db, await loadSessionContext(db, actors.facilitator, sessionId))
		).toEqual([]);
	});
});
