// An admin brings the staff in through the browser: uploads a Bulgarian file (the 2,000-row
// files are the integration tests'; the members page lists every member, so 300 here), sees a bad
// file refused row by row, previews the good one, applies it, finds the people on the members
// page, and deactivates one who left.
import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { newAccount, signUp } from '../../utils/e2e-accounts';
import { openMembers } from '../../utils/e2e-workspace';
import { staffCsv, staffPeople } from '../../utils/staff-csv';

const csvFile = (text: string) => ({
	name: 'staff.csv',
	mimeType: 'text/csv',
	buffer: Buffer.from(text)
});

describe.skipIf(!inject('appUrl'))('staff import', () => {
	const browser = useBrowser();

	it('uploads, previews, applies, and shows the members', async () => {
		const shoot = screenshots('staff-import');
		const admin = await browser.newPage();
		const workspaceId = await signUp(admin, newAccount('staff-admin'), shoot);
		await openMembers(admin, workspaceId);
		await admin.getByRole('link', { name: 'Import staff from a CSV file' }).click();
		await admin.getByRole('heading', { level: 1, name: 'Import staff' }).waitFor();

		const people = staffPeople(300, 'bg');
		const broken = staffCsv(people.slice(0, 3), 'bg', ',').replace(
			people[1].email,
			'nobody-at-all'
		);
		await admin.getByLabel('CSV file').setInputFiles(csvFile(broken));
		await admin.getByRole('button', { name: 'Preview' }).click();
		const errors = admin.getByTestId('import-errors');
		await errors.waitFor();
		await shoot(admin, 'bad-row');
		expect(await errors.getByRole('row').nth(1).textContent()).toBe(
			'3e-mailEnter a valid e-mail address.'
		);
		expect(await admin.getByRole('button', { name: 'Apply the import' }).count()).toBe(0);

		await admin.getByLabel('CSV file').setInputFiles(csvFile(staffCsv(people, 'bg', ';')));
		await admin.getByRole('button', { name: 'Preview' }).click();
		const figures = admin.getByTestId('import-figures');
		await admin.getByRole('button', { name: 'Apply the import' }).waitFor();
		await shoot(admin, 'preview');
		expect(await figures.getByRole('definition').allTextContents()).toEqual([
			'300',
			'300',
			'0',
			'0',
			'0',
			'0',
			'6'
		]);
		expect(await admin.getByRole('cell', { name: people[0].email, exact: true }).count()).toBe(1);

		await admin.getByRole('button', { name: 'Apply the import' }).click();
		const done = admin.getByRole('status');
		await done.waitFor();
		await shoot(admin, 'applied');
		expect(await done.textContent()).toContain(
			'Imported: 300 new, 0 joined, 0 changed, 0 deactivated, 6 new departments.'
		);

		await done.getByRole('link', { name: 'Back to members' }).click();
		await admin.getByText('Members: 301').waitFor({ timeout: 60_000 });
		const leaver = admin.getByRole('row').filter({ hasText: people[1].email });
		expect(await leaver.getByLabel('Role').inputValue()).toBe('member');
		expect(await leaver.getByLabel('Department').locator('option:checked').textContent()).toBe(
			people[1].department
		);

		admin.on('dialog', (dialog) => void dialog.accept());
		await leaver.getByRole('checkbox', { name: `Select ${people[1].name}` }).check();
		await admin.getByRole('button', { name: 'Deactivate selected' }).click();
		await admin.getByText('Deactivated: 1.').waitFor();
		await shoot(admin, 'deactivated');
		expect(await leaver.textContent()).toContain('Deactivated');

		// An imported person with no password yet gets a single-use sign-in link from the admin.
		const newcomer = people[0];
		await admin
			.getByRole('row')
			.filter({ hasText: newcomer.email })
			.getByRole('button', { name: `Sign-in link for ${newcomer.name}` })
			.click();
		const link = admin.locator('[data-invite-link]');
		await link.waitFor();
		const claimLink = await link.inputValue();
		expect(claimLink).toMatch(new RegExp(`^${inject('appUrl')}/claim/[\\w-]+$`));
		const person = await browser.newPage();
		await person.goto(claimLink);
		expect(await person.getByRole('heading', { level: 1 }).textContent()).toContain('Join');
		expect(await person.getByText(newcomer.email).count()).toBe(1);
		await person.getByLabel('Password').fill('a long new password');
		await person.getByRole('button', { name: 'Set password and sign in' }).click();
		await person.waitForURL((url) => url.pathname === `/w/${workspaceId}`);
		await shoot(person, 'claimed');
	}, 240_000);
});
