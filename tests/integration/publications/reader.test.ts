import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { acknowledgements, publications } from '$lib/server/db/schema';
import { goToStage } from '$lib/server/sessions/controls';
import { publishDefinition } from '$lib/server/publications/publish';
import { acknowledgeDefinition, readDefinition } from '$lib/server/publications/reader';
import { createAdmin } from '../../utils/factories';
import {
	agreeOn,
	consensusWorld,
	saveVersion,
	type ConsensusWorld
} from '../../utils/consensus-factories';

const rules = {
	always: ['Greet every customer'],
	react: ['Complaint: apologize, then fix'],
	never: ['Argue']
};

/** Publishes `text` as the next version of the world's workspace. */
async function publishText(
	world: ConsensusWorld,
	number: number,
	text: string,
	explanation: string,
	extra = rules
) {
	const version = number === 1 ? world.v1 : await saveVersion(world.sessionId, number, text);
	await goToStage(db, world.actors.facilitator, world.sessionId, 'consensus');
	await agreeOn(world, version.id);
	await goToStage(db, world.actors.facilitator, world.sessionId, 'publish');
	return publishDefinition(db, world.actors.facilitator, world.sessionId, {
		explanation,
		rules: extra
	});
}

describe('the reader page', () => {
	it('is empty before the first publication, for members only', async () => {
		const world = await consensusWorld();
		expect(await readDefinition(db, world.accounts.olga.userId, world.workspaceId)).toBeNull();
		await expect(
			readDefinition(db, world.accounts.olga.userId, world.workspaceId, 1)
		).rejects.toMatchObject({ status: 404 });
		const outsider = await createAdmin('Out Sider');
		await expect(readDefinition(db, outsider.userId, world.workspaceId)).rejects.toMatchObject({
			code: 'forbidden'
		});
	});

	it('shows the current version with its session, participants and consensus to every member', async () => {
		const world = await consensusWorld();
		await publishText(world, 1, '', 'Ask first, then offer.');
		// Olga took no part in the session but is a member: she reads it too.
		const page = await readDefinition(db, world.accounts.olga.userId, world.workspaceId);
		expect(page).toMatchObject({
			latestVersion: 1,
			isCurrent: true,
			changes: null,
			acknowledgedAt: null,
			canSeeReach: false,
			publication: {
				version: 1,
				sessionTitle: 'Customer focus 2026',
				definitionHtml: '<p>We treat every customer as a partner.</p>',
				explanation: 'Ask first, then offer.',
				rules,
				consensus: { accept: 2, concern: 1, object: 0 },
				participants: ['Alice Andreeva', 'Bob Borisov', 'Fay Facilitator', 'Gina Guest']
			}
		});
		expect(
			(await readDefinition(db, world.accounts.cora.userId, world.workspaceId))?.canSeeReach
		).toBe(true);
	});

	it('keeps earlier versions readable and shows what changed, word by word', async () => {
		const world = await consensusWorld();
		await publishText(world, 1, '', 'Ask first, then offer.');
		await publishText(
			world,
			2,
			'We treat every customer and colleague as a partner.',
			'Ask first, then offer.',
			{
				...rules,
				never: ['Argue', 'Promise what we cannot keep']
			}
		);
		const current = await readDefinition(db, world.accounts.alice.userId, world.workspaceId);
		expect(current).toMatchObject({
			latestVersion: 2,
			isCurrent: true,
			publication: { version: 2 }
		});
		expect(current?.versions.map((v) => v.version)).toEqual([2, 1]);
		expect(current?.changes).toEqual({
			fromVersion: 1,
			changed: true,
			definition: [
				{ kind: 'same', text: 'We treat every customer ' },
				{ kind: 'added', text: 'and colleague ' },
				{ kind: 'same', text: 'as a partner.' }
			],
			explanation: [{ kind: 'same', text: 'Ask first, then offer.' }],
			rules: {
				always: { added: [], removed: [] },
				react: { added: [], removed: [] },
				never: { added: ['Promise what we cannot keep'], removed: [] }
			}
		});
		const earlier = await readDefinition(db, world.accounts.alice.userId, world.workspaceId, 1);
		expect(earlier).toMatchObject({
			isCurrent: false,
			latestVersion: 2,
			changes: null,
			publication: { version: 1, definitionHtml: '<p>We treat every customer as a partner.</p>' }
		});
		await expect(
			readDefinition(db, world.accounts.alice.userId, world.workspaceId, 3)
		).rejects.toMatchObject({ status: 404 });
	});

	it('records "I have read and understood" once per member and version, however often it is pressed', async () => {
		const world = await consensusWorld();
		await publishText(world, 1, '', 'Ask first.');
		const { userId } = world.accounts.olga;
		const first = await acknowledgeDefinition(db, userId, world.workspaceId, 1);
		const again = await acknowledgeDefinition(db, userId, world.workspaceId, 1);
		await Promise.all([1, 2, 3].map(() => acknowledgeDefinition(db, userId, world.workspaceId, 1)));
		expect(again.acknowledgedAt).toEqual(first.acknowledgedAt);
		const [publication] = await db
			.select()
			.from(publications)
			.where(eq(publications.workspaceId, world.workspaceId));
		const rows = await db
			.select()
			.from(acknowledgements)
			.where(
				and(eq(acknowledgements.publicationId, publication.id), eq(acknowledgements.userId, userId))
			);
		expect(rows).toHaveLength(1);
		expect((await readDefinition(db, userId, world.workspaceId))?.acknowledgedAt).toEqual(
			first.acknowledgedAt
		);

		// A new version needs a new acknowledgement.
		await publishText(world, 2, 'New wording.', 'Ask first.');
		expect((await readDefinition(db, userId, world.workspaceId))?.acknowledgedAt).toBeNull();
		await expect(acknowledgeDefinition(db, userId, world.workspaceId, 9)).rejects.toMatchObject({
			status: 404
		});
		const outsider = await createAdmin('Out Sider');
		await expect(
			acknowledgeDefinition(db, outsider.userId, world.workspaceId, 1)
		).rejects.toMatchObject({
			code: 'forbidden'
		});
	});
});
