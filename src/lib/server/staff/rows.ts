// Checks each row of a staff file on its own and against the others, collecting every problem
// with its line, so an admin fixes the whole file at once.
import type { ErrorCode } from '$lib/errors';
import { emailField, hasControlCharacters, withoutBidiControls } from '$lib/validation/fields';
import { NAME_MAX } from '$lib/validation/limits';
import { ALL_ROLES, type Role } from '../workspaces/access';
import type { RawStaffRow } from './csv';
import type { RowError } from '$lib/staff/preview';

/** A row that passed every check; the e-mail is normalized (trimmed, lower-cased). */
export type StaffRow = {
	line: number;
	name: string;
	email: string;
	/** Null: no department (an empty cell). */
	department: string | null;
	/** Null: the cell was empty (new people become readers, existing ones keep their role). */
	role: Role | null;
};

export type { RowError } from '$lib/staff/preview';

/** Role names accepted in the role column: the ids and the role labels in en/ru/bg. */
const roleNames: Record<string, Role> = {
	admin: 'admin',
	administrator: 'admin',
	администратор: 'admin',
	facilitator: 'facilitator',
	фасилитатор: 'facilitator',
	member: 'member',
	участник: 'member',
	член: 'member',
	reader: 'reader',
	читатель: 'reader',
	читател: 'reader'
};

for (const role of ALL_ROLES) roleNames[role] = role;

function text(value: string): string {
	return withoutBidiControls(value).trim().replace(/\s+/g, ' ');
}

export function validateStaffRows(raw: RawStaffRow[]): { rows: StaffRow[]; errors: RowError[] } {
	const rows: StaffRow[] = [];
	const errors: RowError[] = [];
	const firstLineOf = new Map<string, number>();
	for (const row of raw) {
		const rowErrors: RowError[] = [];
		const fail = (column: RowError['column'], code: ErrorCode) =>
			rowErrors.push({ line: row.line, column, code });
		for (const column of ['name', 'email', 'department', 'role'] as const)
			if (hasControlCharacters(row[column])) fail(column, 'text_invalid_characters');
		const name = text(row.name);
		if (!name) fail('name', 'name_required');
		else if (name.length > NAME_MAX) fail('name', 'name_too_long');
		const email = emailField.safeParse(row.email);
		if (!email.success) fail('email', 'email_invalid');
		else if (firstLineOf.has(email.data)) fail('email', 'staff_email_repeated');
		else firstLineOf.set(email.data, row.line);
		const department = text(row.department);
		if (department.length > NAME_MAX) fail('department', 'name_too_long');
		const roleText = text(row.role).toLowerCase();
		const role = roleText ? (roleNames[roleText] ?? null) : null;
		if (roleText && !role) fail('role', 'role_unknown');
		if (rowErrors.length || !email.success) {
			errors.push(...rowErrors);
			continue;
		}
		rows.push({ line: row.line, name, email: email.data, department: department || null, role });
	}
	return { rows, errors };
}
