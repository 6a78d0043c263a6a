// Staff import: an admin previews what a CSV file would change, then applies exactly that, all
// or nothing. Applying the same file again changes nothing.
//
// A person with no account gets one with no password (users.password_hash null), so they count
// for reach at once; they claim it by signing in through the company's identity provider with
// that e-mail, or through a claim link (`createAccountClaim`) an admin or the mail module hands them.
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { departments, memberships, users } from '../db/schema';
import { conflict, DomainError, isUniqueViolation } from '../errors';
import { requireAllowed } from '../policies';
import { rooms } from '../ports';
import { announceDeactivation, deactivateInTx } from '../workspaces/deactivation';
import { countActiveAdmins, lockWorkspace } from '../workspaces/members';
import { readStaffCsv } from './csv';
import { planStaffImport, type ImportOptions, type ImportPlan } from './plan';

/** Admin only: what applying the file would do, with every bad row by line. Changes nothing. */
export async function previewStaffImport(
	db: Db,
	actorId: string,
	workspaceId: string,
	csv: string,
	options: ImportOptions
): Promise<ImportPlan> {
	await requireAllowed(db, actorId, workspaceId, 'manageMembers');
	return planStaffImport(db, actorId, workspaceId, readStaffCsv(csv), options);
}

export type ImportResult = {
	created: number;
	joined: number;
	updated: number;
	deactivated: number;
	newDepartments: number;
};

/**
 * Admin only: applies the file in one transaction. Refuses (`staff_rows_invalid`) when any row is
 * bad, and (`staff_import_changed`) when the plan is no longer the previewed one (`fingerprint`),
 * e.g. because someone changed members meanwhile; then nothing is written.
 */
export async function applyStaffImport(
	db: Db,
	actorId: string,
	workspaceId: string,
	csv: string,
	options: ImportOptions & { fingerprint: string },
	now = new Date()
): Promise<ImportResult> {
	await requireAllowed(db, actorId, workspaceId, 'manageMembers');
	const table = readStaffCsv(csv);
	const [actor] = await db
		.select({ language: users.language })
		.from(users)
		.where(eq(users.id, actorId));
	let outcome;
	try {
		outcome = await db.transaction(async (tx) => {
			await lockWorkspace(tx, workspaceId);
			const plan = await planStaffImport(tx, actorId, workspaceId, table, options);
			if (plan.errors.length) throw new DomainError('staff_rows_invalid', 400, 'file');
			if (plan.fingerprint !== options.fingerprint) throw conflict('staff_import_changed', 'file');
			const result = await writePlan(tx, workspaceId, plan, actor?.language ?? 'en', now);
			if ((await countActiveAdmins(tx, workspaceId)) === 0) throw conflict('last_admin', 'file');
			return { plan, ...result };
		});
	} catch (error) {
		// Another import or sign-up took one of these e-mails between the plan and the insert.
		if (isUniqueViolation(error)) throw conflict('staff_import_changed', 'file');
		throw error;
	}
	const { plan, deactivation } = outcome;
	for (const update of plan.update)
		if (update.roleBefore) await rooms.reauthorizeUser(update.userId);
	await announceDeactivation(workspaceId, deactivation);
	return {
		created: plan.create.length,
		joined: plan.join.length,
		updated: plan.update.length,
		deactivated: deactivation.deactivated.length,
		newDepartments: plan.newDepartments.length
	};
}

async function writePlan(
	tx: Tx,
	workspaceId: string,
	plan: ImportPlan,
	language: string,
	now: Date
) {
	const departmentIds = new Map<string, string>();
	const existing = await tx
		.select({ id: departments.id, name: departments.name })
		.from(departments)
		.where(eq(departments.workspaceId, workspaceId));
	for (const row of existing) departmentIds.set(row.name, row.id);
	if (plan.newDepartments.length) {
		const inserted = await tx
			.insert(departments)
			.values(plan.newDepartments.map((name) => ({ workspaceId, name })))
			.returning({ id: departments.id, name: departments.name });
		for (const row of inserted) departmentIds.set(row.name, row.id);
	}
	const departmentId = (name: string | null) => (name ? (departmentIds.get(name) ?? null) : null);

	const joining = plan.join.map((person) => ({ ...person }));
	for (const part of chunked(plan.create, 500)) {
		const created = await tx
			.insert(users)
			.values(
				part.map((person) => ({
					name: person.name,
					email: person.email,
					passwordHash: null,
					language
				}))
			)
			.returning({ id: users.id, email: users.email });
		const idOf = new Map(created.map((row) => [row.email, row.id]));
		for (const person of part) {
			const userId = idOf.get(person.email);
			if (userId) joining.push({ ...person, userId });
		}
	}
	for (const part of chunked(joining, 500))
		await tx.insert(memberships).values(
			part.map((person) => ({
				workspaceId,
				userId: person.userId,
				role: person.role,
				departmentId: departmentId(person.department)
			}))
		);
	for (const update of plan.update)
		await tx
			.update(memberships)
			.set({
				role: update.role,
				departmentId: departmentId(update.department),
				...(update.reactivate ? { deactivatedAt: null } : {})
			})
			.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, update.userId)));
	const deactivation = await deactivateInTx(
		tx,
		workspaceId,
		plan.deactivate.map((person) => person.userId),
		now
	);
	return { deactivation };
}

function chunked<T>(items: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let start = 0; start < items.length; start += size)
		out.push(items.slice(start, start + size));
	return out;
}
