import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { departments, memberships, users, workspaces } from '../db/schema';
import { hashPassword } from '../auth/password';
import { ALL_ROLES, type Role } from '../workspaces/access';
import { seedDemoJourney } from './journeys';
import { seedDemoPortraits } from './portraits';
import { seedDemoVoice } from './voice';
import { seedDemoStageVoice } from './voice-stage';
import fixture from './demo-workshop.json';

/** Password of every demo account; printed by `npm run seed:demo`. */
export const DEMO_PASSWORD = 'focusboard-demo';

export type DemoAccount = { name: string; email: string; role: Role; department: string };

const isRole = (value: string): value is Role => (ALL_ROLES as readonly string[]).includes(value);

/** The demo members of the fixture, typed. */
export function demoAccounts(): DemoAccount[] {
	return fixture.members.map((member) => {
		if (!isRole(member.role)) throw new Error(`demo fixture: unknown role ${member.role}`);
		return {
			name: member.name,
			email: member.email,
			role: member.role,
			department: member.department
		};
	});
}

async function findDemoWorkspace(tx: Tx, adminEmail: string): Promise<string | null> {
	const [row] = await tx
		.select({ id: workspaces.id })
		.from(workspaces)
		.innerJoin(memberships, eq(memberships.workspaceId, workspaces.id))
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(users.email, adminEmail), eq(workspaces.name, fixture.workspace.name)));
	return row?.id ?? null;
}

/**
 * Creates the Northwind Clinics demo workspace with its departments, members, the fixture's
 * portraits, journey map and touchpoints, or brings an existing one back to the fixture (roles,
 * departments, password); running it twice changes nothing more. `portraits` maps fixture portrait names to their ids.
 */
export async function seedDemo(db: Db): Promise<{
	workspaceId: string;
	accounts: DemoAccount[];
	portraits: Record<string, string>;
	/** The fixture's journey map (of its portrait), with its touchpoints; null when the fixture has none. */
	journeyMapId: string | null;
}> {
	const accounts = demoAccounts();
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const admin = accounts.find((account) => account.role === 'admin');
	if (!admin) throw new Error('demo fixture: no admin');
	const workspaceId = await db.transaction(async (tx) => {
		const workspaceId =
			(await findDemoWorkspace(tx, admin.email)) ??
			(await tx.insert(workspaces).values({ name: fixture.workspace.name }).returning())[0].id;
		for (const name of fixture.workspace.departments)
			await tx.insert(departments).values({ workspaceId, name }).onConflictDoNothing();
		const departmentRows = await tx
			.select()
			.from(departments)
			.where(eq(departments.workspaceId, workspaceId));
		const departmentId = (name: string) =>
			departmentRows.find((row) => row.name === name)?.id ?? null;
		for (const [index, account] of accounts.entries()) {
			const language = fixture.members[index].language;
			const [user] = await tx
				.insert(users)
				.values({ name: account.name, email: account.email, passwordHash, language })
				.onConflictDoUpdate({ target: users.email, set: { name: account.name, passwordHash } })
				.returning({ id: users.id });
			await tx
				.insert(memberships)
				.values({
					workspaceId,
					userId: user.id,
					role: account.role,
					departmentId: departmentId(account.department)
				})
				.onConflictDoUpdate({
					target: [memberships.workspaceId, memberships.userId],
					set: { role: account.role, departmentId: departmentId(account.department) }
				});
		}
		return workspaceId;
	});
	const [adminUser] = await db
		.select({ id: users.id })
		.from(users)
		.where(eq(users.email, admin.email));
	const portraits = await seedDemoPortraits(db, workspaceId, adminUser?.id ?? null);
	const journeyPortraitId = portraits[fixture.journey.portrait];
	const journey = journeyPortraitId
		? await seedDemoJourney(db, workspaceId, { id: journeyPortraitId })
		: null;
	if (journey) {
		await seedDemoVoice(db, workspaceId, journey.touchpointIds);
		await seedDemoStageVoice(db, workspaceId, journey.mapId);
	}
	return { workspaceId, accounts, portraits, journeyMapId: journey?.mapId ?? null };
}
