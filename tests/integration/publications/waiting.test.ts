// The home page of a member puts the published definition first while they have not acknowledged
// it; a new version waits for them again.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { goToStage } from '$lib/server/sessions/controls';
import { publishDefinition } from '$lib/server/publications/publish';
import { acknowledgeDefinition } from '$lib/server/publications/reader';
import { definitionToRead } from '$lib/server/publications/waiting';
import { createAdmin, createMember } from '../../utils/factories';
import {
	agreeOn,
	consensusWorld,
	saveVersion,
	type ConsensusWorld
} from '../../utils/consensus-factories';

const rules = { always: ['Greet every customer'], react: [], never: [] };

async function publishVersion(world: ConsensusWorld, number: number) {
	const version =
		number === 1 ? world.v1 : await saveVersion(world.sessionId, number, `Version ${number} text`);
	await goToStage(db, world.actors.facilitator, world.sessionId, 'consensus');
	await agreeOn(world, version.id);
	await goToStage(db, world.actors.facilitator, world.sessionId, 'publish');
	await publishDefinition(db, world.actors.facilitator, world.sessionId, {
		explanation: 'Ask first.',
		rules
	});
}

describe('what waits for a member on their home page', () => {
	it('is nothing before a publication, then the definition until they acknowledge it, and each new version', async () => {
		const world = await consensusWorld();
		const reader = await createMember(world.accounts.admin, 'reader', 'Rita Reader');
		expect(await definitionToRead(db, reader.userId, world.workspaceId)).toBeNull();

		await publishVersion(world, 1);
		expect(await definitionToRead(db, reader.userId, world.workspaceId)).toMatchObject({
			version: 1,
			sessionTitle: expect.any(String),
			acknowledgedAt: null
		});
		await acknowledgeDefinition(db, reader.userId, world.workspaceId, 1);
		expect(
			(await definitionToRead(db, reader.userId, world.workspaceId))?.acknowledgedAt
		).toBeInstanceOf(Date);
		// Another member's acknowledgement is theirs, not hers.
		expect(
			(await definitionToRead(db, world.accounts.olga.userId, world.workspaceId))?.acknowledgedAt
		).toBeNull();

		await publishVersion(world, 2);
		expect(await definitionToRead(db, reader.userId, world.workspaceId)).toMatchObject({
			version: 2,
			acknowledgedAt: null
		});
	});

	it('is not told to someone outside the workspace', async () => {
		const world = await consensusWorld();
		const outsider = await createAdmin('Out Sider');
		await expect(definitionToRead(db, outsider.userId, world.workspaceId)).rejects.toMatchObject({
			code: 'forbidden'
		});
	});
});
