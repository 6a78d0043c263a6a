// Creating a session: only a workspace admin or facilitator may; participants must be members of
// the workspace; a guest code only when guests are allowed.
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { sessionParticipants, strategySessions } from '$lib/server/db/schema';
import { defaultStages } from '$lib/sessions/stages';
import { createSession, generateGuestCode, type NewSession } from '$lib/server/sessions/sessions';
import { createAdmin, createMember } from '../../utils/factories';
import { participantRows, sessionRow } from '../../utils/session-factories';

const GUEST_CODE = /^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}$/;

function input(overrides: Partial<NewSession> = {}): NewSession {
	return {
		title: 'Customer focus',
		goal: 'One definition for everyone',
		scheduledOn: '2030-05-04',
		anonymity: 'full',
		allowGuests: false,
		participantIds: [],
		...overrides
	};
}

async function sessionCount(workspaceId: string) {
	const [row] = await db
		.select({ n: count() })
		.from(strategySessions)
		.where(eq(strategySessions.workspaceId, workspaceId));
	return row.n;
}

async function participantCount() {
	const [row] = await db.select({ n: count() }).from(sessionParticipants);
	return row.n;
}

describe('createSession', () => {
	it('creates a session from the template with the creator as facilitator and the chosen members', async () => {
		const admin = await createAdmin('Fay Facilitator');
		const alice = await createMember(admin, 'member', 'Alice');
		const bob = await createMember(admin, 'member', 'Bob');
		const id = await createSession(
			db,
			admin.userId,
			admin.workspaceId,
			// Duplicates and the creator themself in the list are taken once.
			input({ participantIds: [alice.userId, bob.userId, alice.userId, admin.userId] })
		);
		const row = await sessionRow(id);
		expect(row).toMatchObject({
			workspaceId: admin.workspaceId,
			title: 'Customer focus',
			goal: 'One definition for everyone',
			scheduledOn: '2030-05-04',
			anonymity: 'full',
			currentStage: 'definitions',
			locked: false,
			guestCode: null,
			definitionsRevealedAt: null,
			timerEndsAt: null,
			timerRemainingMs: null,
			revision: 0,
			createdBy: admin.userId
		});
		expect(row.stages).toEqual(defaultStages());
		const people = (await participantRows(id)).map((p) => ({
			userId: p.userId,
			isFacilitator: p.isFacilitator
		}));
		expect(people).toHaveLength(3);
		expect(people).toEqual(
			expect.arrayContaining([
				{ userId: admin.userId, isFacilitator: true },
				{ userId: alice.userId, isFacilitator: false },
				{ userId: bob.userId, isFacilitator: false }
			])
		);
	});

	it('lets a workspace facilitator create one', async () => {
		const admin = await createAdmin();
		const cora = await createMember(admin, 'facilitator', 'Cora');
		const id = await createSession(db, cora.userId, admin.workspaceId, input());
		expect((await sessionRow(id)).createdBy).toBe(cora.userId);
		expect(await participantRows(id)).toEqual([
			expect.objectContaining({ userId: cora.userId, isFacilitator: true })
		]);
	});

	it('refuses a plain member and anyone from another workspace, writing nothing', async () => {
		const admin = await createAdmin();
		const member = await createMember(admin, 'member', 'Max');
		const stranger = await createAdmin('Sam Stranger');
		const participantsBefore = await participantCount();
		await expect(
			createSession(db, member.userId, admin.workspaceId, input())
		).rejects.toMatchObject({
			code: 'forbidden',
			status: 403
		});
		await expect(
			createSession(db, stranger.userId, admin.workspaceId, input())
		).rejects.toMatchObject({
			code: 'forbidden'
		});
		expect(await sessionCount(admin.workspaceId)).toBe(0);
		expect(await participantCount()).toBe(participantsBefore);
	});

	it('refuses participants who are not members of the workspace, writing nothing', async () => {
		const admin = await createAdmin();
		const alice = await createMember(admin, 'member', 'Alice');
		const other = await createAdmin('Other Admin');
		const otherMember = await createMember(other, 'member', 'Other Member');
		const participantsBefore = await participantCount();
		for (const foreign of [otherMember.userId, other.userId, randomUUID()]) {
			await expect(
				createSession(
					db,
					admin.userId,
					admin.workspaceId,
					input({ participantIds: [alice.userId, foreign] })
				)
			).rejects.toMatchObject({ code: 'participant_unknown', field: 'participantIds' });
		}
		expect(await sessionCount(admin.workspaceId)).toBe(0);
		expect(await participantCount()).toBe(participantsBefore);
	});

	it('gives a six-character guest code from the unambiguous alphabet only when guests are allowed', async () => {
		const admin = await createAdmin();
		const closed = await createSession(
			db,
			admin.userId,
			admin.workspaceId,
			input({ allowGuests: false })
		);
		expect((await sessionRow(closed)).guestCode).toBeNull();
		const codes = new Set<string>();
		for (let i = 0; i < 5; i++) {
			const open = await createSession(
				db,
				admin.userId,
				admin.workspaceId,
				input({ allowGuests: true })
			);
			const { guestCode } = await sessionRow(open);
			expect(guestCode).toMatch(GUEST_CODE);
			codes.add(guestCode ?? '');
		}
		expect(codes.size).toBe(5);
	});
});

describe('generateGuestCode', () => {
	it('never uses look-alike characters', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 2000; i++) {
			const code = generateGuestCode();
			expect(code).toMatch(GUEST_CODE);
			for (const char of code) seen.add(char);
		}
		for (const lookAlike of ['0', 'O', '1', 'I']) expect(seen.has(lookAlike)).toBe(false);
		// 12,000 draws over 32 characters use every one of them.
		expect(seen.size).toBe(32);
	});
});
