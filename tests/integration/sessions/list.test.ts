// Which sessions the session list shows: all of the workspace's to its admins and facilitators,
// only their own to members, nothing to anyone outside the workspace.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { createSession, listSessions } from '$lib/server/sessions/sessions';
import { createAdmin, createMember } from '../../utils/factories';

async function world() {
	const admin = await createAdmin('Fay Facilitator');
	const cora = await createMember(admin, 'facilitator', 'Cora Cohost');
	const alice = await createMember(admin, 'member', 'Alice');
	const bob = await createMember(admin, 'member', 'Bob');
	const olga = await createMember(admin, 'member', 'Olga');
	const make = (title: string, participantIds: string[], by = admin.userId) =>
		createSession(db, by, admin.workspaceId, {
			title,
			goal: '',
			scheduledOn: null,
			anonymity: 'partial',
			allowGuests: false,
			participantIds
		});
	const withAlice = await make('With Alice', [alice.userId]);
	const withBoth = await make('With Alice and Bob', [alice.userId, bob.userId]);
	const corasOwn = await make('Cora’s own', [bob.userId], cora.userId);
	return { admin, cora, alice, bob, olga, sessions: { withAlice, withBoth, corasOwn } };
}

const titles = (rows: { title: string }[]) => rows.map((row) => row.title).sort();

describe('listSessions', () => {
	it('shows every session of the workspace to admins and facilitators, marking those they are in', async () => {
		const { admin, cora, sessions } = await world();
		const adminList = await listSessions(db, admin.userId, admin.workspaceId);
		expect(titles(adminList)).toEqual(['Cora’s own', 'With Alice', 'With Alice and Bob']);
		expect(Object.fromEntries(adminList.map((row) => [row.id, row.isParticipant]))).toEqual({
			[sessions.withAlice]: true,
			[sessions.withBoth]: true,
			[sessions.corasOwn]: false
		});
		const coraList = await listSessions(db, cora.userId, admin.workspaceId);
		expect(titles(coraList)).toEqual(['Cora’s own', 'With Alice', 'With Alice and Bob']);
		expect(coraList.find((row) => row.id === sessions.corasOwn)?.isParticipant).toBe(true);
		expect(coraList.find((row) => row.id === sessions.withAlice)?.isParticipant).toBe(false);
		expect(Object.keys(adminList[0]).sort()).toEqual(
			['createdAt', 'currentStage', 'goal', 'id', 'isParticipant', 'scheduledOn', 'title'].sort()
		);
	});

	it('shows a member only the sessions they were chosen for', async () => {
		const { admin, alice, bob, olga } = await world();
		const aliceList = await listSessions(db, alice.userId, admin.workspaceId);
		expect(titles(aliceList)).toEqual(['With Alice', 'With Alice and Bob']);
		expect(aliceList.every((row) => row.isParticipant)).toBe(true);
		expect(titles(await listSessions(db, bob.userId, admin.workspaceId))).toEqual([
			'Cora’s own',
			'With Alice and Bob'
		]);
		expect(await listSessions(db, olga.userId, admin.workspaceId)).toEqual([]);
	});

	it('refuses anyone outside the workspace', async () => {
		const { admin } = await world();
		const stranger = await createAdmin('Sam Stranger');
		await expect(listSessions(db, stranger.userId, admin.workspaceId)).rejects.toMatchObject({
			code: 'forbidden'
		});
		// And the stranger's own workspace shows none of them.
		expect(await listSessions(db, stranger.userId, stranger.workspaceId)).toEqual([]);
	});
});
