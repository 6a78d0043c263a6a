// What applying a staff file would change, computed from the file and the workspace as it is now.
// The preview shows this plan; applying recomputes it in the transaction and refuses when it
// differs from the one the admin saw.
import { createHash } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { departments, memberships, users } from '../db/schema';
import type { StaffTable } from './csv';
import { validateStaffRows, type StaffRow } from './rows';
import type {
	ImportOptions,
	ImportPlan,
	PlannedUpdate,
	Role,
	ImportPreview
} from '$lib/staff/preview';

export type { ImportOptions, ImportPlan } from '$lib/staff/preview';

/** Role given to a new person whose role cell is empty: every employee reads the definition. */
export const DEFAULT_IMPORT_ROLE: Role = 'reader';

const departmentKey = (name: string) => name.toLocaleLowerCase();

function chunks<T>(items: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let start = 0; start < items.length; start += size)
		out.push(items.slice(start, start + size));
	return out;
}

async function usersByEmail(db: DbOrTx, emails: string[]) {
	const found = new Map<string, string>();
	for (const part of chunks(emails, 1000)) {
		if (!part.length) continue;
		const rows = await db
			.select({ id: users.id, email: users.email })
			.from(users)
			.where(inArray(users.email, part));
		for (const row of rows) found.set(row.email, row.id);
	}
	return found;
}

export async function planStaffImport(
	db: DbOrTx,
	actorId: string,
	workspaceId: string,
	table: StaffTable,
	options: ImportOptions
): Promise<ImportPlan> {
	const { rows, errors } = validateStaffRows(table.rows);
	const departmentRows = await db
		.select({ id: departments.id, name: departments.name })
		.from(departments)
		.where(eq(departments.workspaceId, workspaceId));
	const departmentName = new Map(departmentRows.map((row) => [row.id, row.name]));
	const existingDepartment = new Map(
		departmentRows.map((row) => [departmentKey(row.name), row.name])
	);
	const members = await db
		.select({
			userId: memberships.userId,
			email: users.email,
			name: users.name,
			role: memberships.role,
			departmentId: memberships.departmentId,
			deactivatedAt: memberships.deactivatedAt
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.workspaceId, workspaceId));
	const memberByEmail = new Map(members.map((member) => [member.email, member]));
	const accounts = await usersByEmail(
		db,
		rows.filter((row) => !memberByEmail.has(row.email)).map((row) => row.email)
	);

	const newDepartments = new Map<string, string>();
	/** The department as the workspace will spell it (an existing one keeps its spelling). */
	const spelled = (row: StaffRow) => {
		if (!row.department) return null;
		const key = departmentKey(row.department);
		const existing = existingDepartment.get(key) ?? newDepartments.get(key);
		if (existing) return existing;
		newDepartments.set(key, row.department);
		return row.department;
	};

	const plan: Omit<ImportPlan, 'fingerprint'> = {
		rowCount: table.rows.length,
		errors,
		create: [],
		join: [],
		update: [],
		deactivate: [],
		unchanged: 0,
		newDepartments: []
	};
	const hasDepartments = table.columns.has('department');
	for (const row of rows) {
		const department = hasDepartments ? spelled(row) : null;
		const member = memberByEmail.get(row.email);
		if (!member) {
			const person = {
				line: row.line,
				name: row.name,
				email: row.email,
				role: row.role ?? DEFAULT_IMPORT_ROLE,
				department
			};
			const userId = accounts.get(row.email);
			if (userId) plan.join.push({ ...person, userId });
			else plan.create.push(person);
			continue;
		}
		const departmentBefore = member.departmentId
			? (departmentName.get(member.departmentId) ?? null)
			: null;
		const update: PlannedUpdate = {
			line: row.line,
			userId: member.userId,
			name: member.name,
			email: row.email,
			role: row.role ?? member.role,
			department: hasDepartments ? department : departmentBefore,
			reactivate: member.deactivatedAt !== null
		};
		if (update.role !== member.role) update.roleBefore = member.role;
		if (update.department !== departmentBefore) update.departmentBefore = departmentBefore;
		if (update.reactivate || update.roleBefore || 'departmentBefore' in update)
			plan.update.push(update);
		else plan.unchanged += 1;
	}
	if (options.deactivateMissing) {
		const listed = new Set(table.rows.map((row) => row.email.trim().toLowerCase()));
		for (const member of members)
			if (!member.deactivatedAt && member.userId !== actorId && !listed.has(member.email))
				plan.deactivate.push({
					userId: member.userId,
					name: member.name,
					email: member.email,
					role: member.role
				});
	}
	plan.newDepartments = [...newDepartments.values()];
	const fingerprint = createHash('sha256').update(JSON.stringify(plan)).digest('hex');
	return { ...plan, fingerprint };
}

/** How many people of each list a preview page shows; the counts are always whole. */
export const PREVIEW_LIST_MAX = 100;

/** The plan as a page shows it: every error, the first people of each list, and the counts. */
export function previewOf(plan: ImportPlan, listMax = PREVIEW_LIST_MAX): ImportPreview {
	return {
		rowCount: plan.rowCount,
		errors: plan.errors,
		create: plan.create.slice(0, listMax),
		createCount: plan.create.length,
		join: plan.join.slice(0, listMax),
		joinCount: plan.join.length,
		update: plan.update.slice(0, listMax),
		updateCount: plan.update.length,
		deactivate: plan.deactivate.slice(0, listMax),
		deactivateCount: plan.deactivate.length,
		unchanged: plan.unchanged,
		newDepartments: plan.newDepartments,
		fingerprint: plan.fingerprint
	};
}
