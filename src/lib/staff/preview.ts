// What a staff import would change, as the server plans it and the import page shows it.
import type { ErrorCode } from '$lib/errors';

export type Role = 'admin' | 'facilitator' | 'member' | 'reader';

/** A bad cell of the file: its line (the header is line 1), its column and why. */
export type RowError = {
	line: number;
	column: 'name' | 'email' | 'department' | 'role';
	code: ErrorCode;
};

export type PlannedPerson = {
	line: number;
	name: string;
	email: string;
	role: Role;
	department: string | null;
};

export type PlannedUpdate = PlannedPerson & {
	userId: string;
	/** Present when the role changes: the role before. */
	roleBefore?: Role;
	/** Present when the department changes: the department before (null: none). */
	departmentBefore?: string | null;
	reactivate: boolean;
};

export type PlannedDeactivation = { userId: string; name: string; email: string; role: Role };

export type ImportOptions = { deactivateMissing: boolean };

export type ImportPlan = {
	rowCount: number;
	errors: RowError[];
	/** People with no account yet: an account they can claim is created, with the membership. */
	create: PlannedPerson[];
	/** People with an account who are not members: they are added. */
	join: (PlannedPerson & { userId: string })[];
	/** Members whose role or department changes, or who come back (reactivated). */
	update: PlannedUpdate[];
	/** Active members not in the file (only with the option), never the admin importing. */
	deactivate: PlannedDeactivation[];
	unchanged: number;
	/** Departments the file names that the workspace does not have yet, as first spelled. */
	newDepartments: string[];
	/** Digest of everything above: what the admin saw is what is applied. */
	fingerprint: string;
};

/** The plan as a page shows it: every error, the first people of each list, and whole counts. */
export type ImportPreview = Pick<
	ImportPlan,
	| 'rowCount'
	| 'errors'
	| 'create'
	| 'join'
	| 'update'
	| 'deactivate'
	| 'unchanged'
	| 'newDepartments'
	| 'fingerprint'
> & {
	createCount: number;
	joinCount: number;
	updateCount: number;
	deactivateCount: number;
};
