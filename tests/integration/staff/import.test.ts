// Staff import: a 2,000-row file in Russian and in Bulgarian (semicolons and commas, with a BOM)
// is previewed, applied in one transaction, and changes nothing the second time; every bad row is
// reported by its line and then nothing at all is written.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { departments, memberships, users } from '$lib/server/db/schema';
import { signIn } from '$lib/server/auth/accounts';
import { applyStaffImport, previewStaffImport } from '$lib/server/staff/import';
import { STAFF_ROWS_MAX } from '$lib/server/staff/csv';
import { listDepartments } from '$lib/server/workspaces/departments';
import { listMembers, updateMember } from '$lib/server/workspaces/members';
import { createAdmin, createMember, TEST_PASSWORD } from '../../utils/factories';
import { staffCsv, staffPeople } from '../../utils/staff-csv';

const keep = { deactivateMissing: false };

async function counts(workspaceId: string) {
	const members = await db
		.select()
		.from(memberships)
		.where(eq(memberships.workspaceId, workspaceId));
	const depts = await db.select().from(departments).where(eq(departments.workspaceId, workspaceId));
	return { members: members.length, departments: depts.length };
}

describe('staff import', () => {
	it.each([
		['ru', ';'],
		['bg', ',']
	] as const)(
		'imports 2,000 people from a %s file separated by "%s", once',
		async (language, delimiter) => {
			const admin = await createAdmin();
			const people = staffPeople(2000, language);
			const csv = staffCsv(people, language, delimiter);

			const preview = await previewStaffImport(db, admin.userId, admin.workspaceId, csv, keep);
			expect(preview.errors).toEqual([]);
			expect(preview.rowCount).toBe(2000);
			expect(preview.create).toHaveLength(2000);
			expect(preview.create[0]).toMatchObject({
				line: 2,
				name: people[0].name,
				email: people[0].email
			});
			expect(preview.newDepartments).toHaveLength(6);
			expect(await counts(admin.workspaceId)).toEqual({ members: 1, departments: 0 });

			const result = await applyStaffImport(db, admin.userId, admin.workspaceId, csv, {
				...keep,
				fingerprint: preview.fingerprint
			});
			expect(result).toEqual({
				created: 2000,
				joined: 0,
				updated: 0,
				deactivated: 0,
				newDepartments: 6
			});
			const members = await listMembers(db, admin.userId, admin.workspaceId);
			expect(members).toHaveLength(2001);
			const first = members.find((member) => member.email === people[0].email);
			expect(first).toMatchObject({
				name: people[0].name,
				role: 'reader',
				departmentName: people[0].department
			});
			const second = members.find((member) => member.email === people[1].email);
			expect(second?.role).toBe('member');
			expect(
				(await listDepartments(db, admin.userId, admin.workspaceId)).map((d) => d.name).sort()
			).toEqual([...new Set(people.map((p) => p.department))].sort());

			const again = await previewStaffImport(db, admin.userId, admin.workspaceId, csv, keep);
			expect(again).toMatchObject({
				create: [],
				join: [],
				update: [],
				deactivate: [],
				newDepartments: [],
				unchanged: 2000
			});
			const second_apply = await applyStaffImport(db, admin.userId, admin.workspaceId, csv, {
				...keep,
				fingerprint: again.fingerprint
			});
			expect(second_apply).toEqual({
				created: 0,
				joined: 0,
				updated: 0,
				deactivated: 0,
				newDepartments: 0
			});
			expect(await counts(admin.workspaceId)).toEqual({ members: 2001, departments: 6 });
		}
	);

	it('gives imported people an account no password opens, and adds people who already have one', async () => {
		const admin = await createAdmin();
		const elsewhere = await createAdmin('Anna Smith');
		const csv = `name,email\nAnna Smith,${elsewhere.email.toUpperCase()}\nTom Baker,tom-${admin.userId}@example.test\n`;
		const preview = await previewStaffImport(db, admin.userId, admin.workspaceId, csv, keep);
		expect(preview.join.map((p) => p.email)).toEqual([elsewhere.email]);
		expect(preview.create.map((p) => p.email)).toEqual([`tom-${admin.userId}@example.test`]);
		await applyStaffImport(db, admin.userId, admin.workspaceId, csv, {
			...keep,
			fingerprint: preview.fingerprint
		});
		const [tom] = await db
			.select()
			.from(users)
			.where(eq(users.email, `tom-${admin.userId}@example.test`));
		expect(tom.passwordHash).toBeNull();
		await expect(
			signIn(db, { email: tom.email, password: TEST_PASSWORD, clientAddress: '203.0.113.9' })
		).rejects.toMatchObject({ code: 'invalid_credentials' });
		await expect(
			signIn(db, { email: elsewhere.email, password: TEST_PASSWORD, clientAddress: '203.0.113.9' })
		).resolves.toMatchObject({ userId: elsewhere.userId });
	});

	it('reports every bad row by its line and writes nothing', async () => {
		const admin = await createAdmin();
		const csv = [
			'Имя;E-mail;Отдел;Роль',
			'Елена Петрова;elena@bad-rows.example;Руководство;администратор',
			'Георги Иванов;not-an-email;Маркетинг;',
			'',
			'Анна Смит;anna@bad-rows.example;Регистратура;директор',
			'Дмитрий Орлов;ELENA@bad-rows.example;Врачи;',
			';maria@bad-rows.example;Колл-центр;',
			'"Том\nБейкер";tom@bad-rows.example;Охрана;',
			`Иван Иванов;ivan@bad-rows.example;${'О'.repeat(81)};`
		].join('\n');
		const preview = await previewStaffImport(db, admin.userId, admin.workspaceId, csv, keep);
		expect(preview.errors).toEqual([
			{ line: 3, column: 'email', code: 'email_invalid' },
			{ line: 5, column: 'role', code: 'role_unknown' },
			{ line: 6, column: 'email', code: 'staff_email_repeated' },
			{ line: 7, column: 'name', code: 'name_required' },
			{ line: 10, column: 'department', code: 'name_too_long' }
		]);
		expect(preview.create.map((p) => [p.line, p.name])).toEqual([
			[2, 'Елена Петрова'],
			[8, 'Том Бейкер']
		]);
		await expect(
			applyStaffImport(db, admin.userId, admin.workspaceId, csv, {
				...keep,
				fingerprint: preview.fingerprint
			})
		).rejects.toMatchObject({ code: 'staff_rows_invalid' });
		expect(await counts(admin.workspaceId)).toEqual({ members: 1, departments: 0 });
		expect(await db.select().from(users).where(eq(users.email, 'elena@bad-rows.example'))).toEqual(
			[]
		);
	});

	it('is all or nothing: a file that would leave no admin writes none of its rows', async () => {
		const admin = await createAdmin();
		const csv = `name;email;department;role\nAda Admin;${admin.email};Leadership;reader\nNew Person;new-${admin.userId}@example.test;Doctors;member\n`;
		const preview = await previewStaffImport(db, admin.userId, admin.workspaceId, csv, keep);
		expect(preview.update).toMatchObject([
			{ email: admin.email, role: 'reader', roleBefore: 'admin' }
		]);
		await expect(
			applyStaffImport(db, admin.userId, admin.workspaceId, csv, {
				...keep,
				fingerprint: preview.fingerprint
			})
		).rejects.toMatchObject({ code: 'last_admin' });
		expect(await counts(admin.workspaceId)).toEqual({ members: 1, departments: 0 });
		expect(
			await db
				.select()
				.from(users)
				.where(eq(users.email, `new-${admin.userId}@example.test`))
		).toEqual([]);
	});

	it('updates role and department from the file, and keeps what a missing column does not say', async () => {
		const admin = await createAdmin();
		const max = await createMember(admin, 'member', 'Max Member');
		const withColumns = `e-mail,name,department,role\n${max.email},Max Member,Doctors,facilitator\n`;
		const preview = await previewStaffImport(
			db,
			admin.userId,
			admin.workspaceId,
			withColumns,
			keep
		);
		expect(preview.update).toMatchObject([
			{
				email: max.email,
				role: 'facilitator',
				roleBefore: 'member',
				department: 'Doctors',
				departmentBefore: null
			}
		]);
		expect(preview.newDepartments).toEqual(['Doctors']);
		await applyStaffImport(db, admin.userId, admin.workspaceId, withColumns, {
			...keep,
			fingerprint: preview.fingerprint
		});
		const onlyNames = `name,email\nMax Member,${max.email}\n`;
		const unchanged = await previewStaffImport(
			db,
			admin.userId,
			admin.workspaceId,
			onlyNames,
			keep
		);
		expect(unchanged).toMatchObject({ update: [], unchanged: 1 });
		const differentCase = `name,email,department\nMax Member,${max.email},doctors\n`;
		expect(
			await previewStaffImport(db, admin.userId, admin.workspaceId, differentCase, keep)
		).toMatchObject({
			update: [],
			newDepartments: [],
			unchanged: 1
		});
	});

	it('refuses to apply a plan other than the one previewed', async () => {
		const admin = await createAdmin();
		const max = await createMember(admin, 'member', 'Max Member');
		const csv = `name,email,role\nMax Member,${max.email},facilitator\nNew One,new-one-${admin.userId}@example.test,\n`;
		const preview = await previewStaffImport(db, admin.userId, admin.workspaceId, csv, keep);
		await updateMember(db, admin.userId, admin.workspaceId, {
			userId: max.userId,
			role: 'facilitator',
			departmentId: null
		});
		await expect(
			applyStaffImport(db, admin.userId, admin.workspaceId, csv, {
				...keep,
				fingerprint: preview.fingerprint
			})
		).rejects.toMatchObject({ code: 'staff_import_changed' });
		expect(await counts(admin.workspaceId)).toEqual({ members: 2, departments: 0 });
	});

	it('refuses files it cannot read as a whole, with a clear reason', async () => {
		const admin = await createAdmin();
		const preview = (csv: string) =>
			previewStaffImport(db, admin.userId, admin.workspaceId, csv, keep);
		await expect(preview('x'.repeat(1024 * 1024 + 1))).rejects.toMatchObject({
			code: 'staff_file_too_large',
			params: { kilobytes: 1024 }
		});
		const many = staffCsv(staffPeople(STAFF_ROWS_MAX + 1, 'bg'), 'bg', ';');
		await expect(preview(many)).rejects.toMatchObject({
			code: 'staff_too_many_rows',
			params: { max: STAFF_ROWS_MAX }
		});
		await expect(preview('\ufeffname;department\nAnna;Doctors\n')).rejects.toMatchObject({
			code: 'staff_columns_missing'
		});
		await expect(preview('\ufeffname;email\n')).rejects.toMatchObject({ code: 'staff_file_empty' });
		await expect(preview('')).rejects.toMatchObject({ code: 'staff_file_empty' });
		await expect(
			preview('name,email\nAnna,anna@x.example\n"Tom,tom@x.example\n')
		).rejects.toMatchObject({
			code: 'staff_csv_invalid',
			params: { line: 3 }
		});
	});

	it('lets only admins preview or apply', async () => {
		const admin = await createAdmin();
		const facilitator = await createMember(admin, 'facilitator');
		const outsider = await createAdmin('Outsider');
		const csv = `name,email\nSomeone,someone-${admin.userId}@example.test\n`;
		for (const actor of [facilitator, outsider]) {
			await expect(
				previewStaffImport(db, actor.userId, admin.workspaceId, csv, keep)
			).rejects.toMatchObject({
				code: 'forbidden'
			});
			await expect(
				applyStaffImport(db, actor.userId, admin.workspaceId, csv, { ...keep, fingerprint: 'x' })
			).rejects.toMatchObject({ code: 'forbidden' });
		}
		expect(await counts(admin.workspaceId)).toEqual({ members: 2, departments: 0 });
	});
});
