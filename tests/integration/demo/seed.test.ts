import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { departments, memberships } from '$lib/server/db/schema';
import { signIn } from '$lib/server/auth/accounts';
import { listMembers } from '$lib/server/workspaces/members';
import { DEMO_PASSWORD, seedDemo } from '$lib/server/demo/seed';

describe('demo seed', () => {
	it('creates the team the README describes (an admin, a facilitator, four members, six departments), idempotently', async () => {
		const first = await seedDemo(db);
		const second = await seedDemo(db);
		expect(second.workspaceId).toBe(first.workspaceId);
		const rows = await db
			.select()
			.from(memberships)
			.where(eq(memberships.workspaceId, first.workspaceId));
		expect(rows).toHaveLength(6);
		expect(rows.map((row) => row.role).sort()).toEqual(['admin', 'facilitator', 'member', 'member', 'member', 'member']);
		expect(new Set(rows.map((row) => row.departmentId)).size).toBe(6);
		const depts = await db
			.select()
			.from(departments)
			.where(eq(departments.workspaceId, first.workspaceId));
		expect(depts).toHaveLength(6);
	});

	it('prints accounts that can sign in', async () => {
		const { workspaceId, accounts } = await seedDemo(db);
		const georgi = accounts.find((account) => account.role === 'facilitator');
		expect(georgi?.email).toBe('georgi@northwind.example');
		const session = await signIn(db, {
			email: georgi?.email ?? '',
			password: DEMO_PASSWORD,
			clientAddress: '192.0.2.1'
		});
		const members = await listMembers(db, session.userId, workspaceId);
		expect(members.find((m) => m.name === 'Tom Baker')?.departmentName).toBe('Security');
	});
});
