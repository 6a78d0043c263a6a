import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import {
	compareVersions,
	listVersions,
	saveVersion,
	type ReadDraft
} from '$lib/server/draft/versions';
import { loadSessionContext, type SessionActor } from '$lib/server/sessions/access';
import { createSession } from '$lib/server/sessions/sessions';
import { createAdmin, createMember } from '../../utils/factories';

const asUser = (account: { userId: string; name: string }): SessionActor => ({
	kind: 'user',
	userId: account.userId,
	name: account.name
});
const fixed =
	(text: string): ReadDraft =>
	() =>
		Promise.resolve({ html: `<p>${text}</p>`, text });

async function setup() {
	const admin = await createAdmin('Georgi');
	const member = await createMember(admin, 'member', 'Anna');
	const sessionId = await createSession(db, admin.userId, admin.workspaceId, {
		title: 'Customer focus',
		goal: '',
		scheduledOn: null,
		anonymity: 'partial',
		allowGuests: false,
		participantIds: [member.userId]
	});
	return { admin, member, sessionId };
}

describe('versions of the shared definition', () => {
	it('numbers saved versions and keeps their text', async () => {
		const { admin, member, sessionId } = await setup();
		await saveVersion(db, asUser(admin), sessionId, 'First try', fixed('We serve every patient.'));
		await saveVersion(
			db,
			asUser(admin),
			sessionId,
			'',
			fixed('Every patient understands what happens next.')
		);
		const versions = await listVersions(
			db,
			await loadSessionContext(db, asUser(member), sessionId)
		);
		expect(versions.map((v) => [v.number, v.name, v.text])).toEqual([
			[1, 'First try', 'We serve every patient.'],
			[
				2,
				'Every patient understands what happens next.',
				'Every patient understands what happens next.'
			]
		]);
	});

	it('gives consecutive numbers when two facilitators save at once', async () => {
		const { admin, sessionId } = await setup();
		const second = await createMember(admin, 'facilitator', 'Elena');
		await Promise.all([
			saveVersion(db, asUser(admin), sessionId, 'a', fixed('one')),
			saveVersion(db, asUser(second), sessionId, 'b', fixed('two')),
			saveVersion(db, asUser(admin), sessionId, 'c', fixed('three'))
		]);
		const versions = await listVersions(db, await loadSessionContext(db, asUser(admin), sessionId));
		expect(versions.map((v) => v.number)).toEqual([1, 2, 3]);
	});

	it('names an unnamed version after the start of its text, never after its number', async () => {
		const { admin, sessionId } = await setup();
		const long =
			'Every patient leaves knowing what happens next, who calls them and when they will hear from us.';
		const version = await saveVersion(db, asUser(admin), sessionId, '', fixed(long));
		expect(version.name).toBe('Every patient leaves knowing what happens next,…');
		expect(version.name).not.toMatch(/^v\d+$/);
	});

	it('does not copy an unchanged draft when saving is pressed twice at once or again later', async () => {
		const { admin, sessionId } = await setup();
		const twice = await Promise.all([
			saveVersion(db, asUser(admin), sessionId, '', fixed('We serve every patient.')),
			saveVersion(db, asUser(admin), sessionId, '', fixed('We serve every patient.'))
		]);
		expect(twice[0].id).toBe(twice[1].id);
		const again = await saveVersion(
			db,
			asUser(admin),
			sessionId,
			'',
			fixed('We serve every patient.')
		);
		expect(again.id).toBe(twice[0].id);
		expect(again.createdBy).toBe('Georgi');
		const changed = await saveVersion(
			db,
			asUser(admin),
			sessionId,
			'',
			fixed('We serve every patient well.')
		);
		const renamed = await saveVersion(
			db,
			asUser(admin),
			sessionId,
			'Final',
			fixed('We serve every patient well.')
		);
		const versions = await listVersions(db, await loadSessionContext(db, asUser(admin), sessionId));
		expect(versions.map((v) => [v.number, v.name])).toEqual([
			[1, 'We serve every patient.'],
			[2, 'We serve every patient well.'],
			[3, 'Final']
		]);
		expect([changed.number, renamed.number]).toEqual([2, 3]);
	});

	it('is the facilitator’s action and refuses an empty draft', async () => {
		const { admin, member, sessionId } = await setup();
		await expect(
			saveVersion(db, asUser(member), sessionId, 'mine', fixed('text'))
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			saveVersion(db, asUser(admin), sessionId, 'empty', fixed('  '))
		).rejects.toMatchObject({ code: 'text_required' });
		expect(await listVersions(db, await loadSessionContext(db, asUser(admin), sessionId))).toEqual(
			[]
		);
	});

	it('compares two versions word by word', async () => {
		const { admin, member, sessionId } = await setup();
		const a = await saveVersion(
			db,
			asUser(admin),
			sessionId,
			'a',
			fixed('Every patient is served politely.')
		);
		const b = await saveVersion(
			db,
			asUser(admin),
			sessionId,
			'b',
			fixed('Every patient understands what happens next.')
		);
		const diff = await compareVersions(db, asUser(member), sessionId, a.id, b.id);
		expect(
			diff.parts
				.filter((p) => p.removed)
				.map((p) => p.value)
				.join('')
		).toContain('served politely');
		expect(
			diff.parts
				.filter((p) => p.added)
				.map((p) => p.value)
				.join('')
		).toContain('understands');
		expect(
			diff.parts
				.filter((p) => !p.added)
				.map((p) => p.value)
				.join('')
		).toBe('Every patient is served politely.');
	});

	it('refuses versions of another session', async () => {
		const one = await setup();
		const other = await setup();
		const a = await saveVersion(db, asUser(one.admin), one.sessionId, 'a', fixed('one'));
		const b = await saveVersion(db, asUser(other.admin), other.sessionId, 'b', fixed('two'));
		await expect(
			compareVersions(db, asUser(one.admin), one.sessionId, a.id, b.id)
		).rejects.toMatchObject({ code: 'version_unknown' });
	});
});
