// Workspace steps for the end-to-end tests, done through the real pages (English UI).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Shoot } from './browser';
import { pathOf, type Account } from './e2e-accounts';

/** Which invite to create. */
export type InviteChoice = { role: 'admin' | 'facilitator' | 'member'; department?: string };

/** Opens the Members page from the side navigation. */
export async function openMembers(page: Page, workspaceId: string): Promise<void> {
	await page
		.getByRole('navigation', { name: 'Main navigation' })
		.getByRole('link', { name: 'Members' })
		.click();
	await page.waitForURL((url) => url.pathname === `/w/${workspaceId}/members`);
	await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
}

/** Adds a department on the Members page and waits until it is listed. */
export async function addDepartment(page: Page, name: string): Promise<void> {
	const departments = page.getByRole('region', { name: 'Departments' });
	await departments.getByLabel('Add department').fill(name);
	await departments.getByRole('button', { name: 'Add department' }).click();
	await departments.getByRole('listitem').filter({ hasText: name }).waitFor();
}

/** Creates an invite link on the Members page (already open) and returns the link shown once. */
export async function createInviteLink(
	page: Page,
	choice: InviteChoice,
	shoot: Shoot
): Promise<string> {
	const invite = page.getByRole('region', { name: 'Invite people' });
	await invite.getByLabel('Role').selectOption(choice.role);
	if (choice.department)
		await invite.getByLabel('Department').selectOption({ label: choice.department });
	const link = page.locator('[data-invite-link]');
	// A link created before stays on screen until the new one replaces it.
	const previous = (await link.count()) > 0 ? await link.inputValue() : null;
	await invite.getByRole('button', { name: 'Create invite link' }).click();
	await expect
		.poll(async () => ((await link.count()) > 0 ? link.inputValue() : previous))
		.not.toBe(previous);
	await shoot(page, 'members-invite-created');
	return link.inputValue();
}

/** Opens an invite link signed out (unless already open), creates an account through it and waits for the workspace home. */
export async function joinByInvite(
	page: Page,
	link: string,
	account: Account,
	shoot: Shoot
): Promise<string> {
	if (page.url() !== link) await page.goto(link);
	await page.getByRole('heading', { name: 'Create your account' }).waitFor();
	await page.getByLabel('Your name').fill(account.name);
	await page.getByLabel('E-mail').fill(account.email);
	await page.getByLabel('Password', { exact: true }).fill(account.password);
	await shoot(page, 'invite-filled');
	await page.getByRole('button', { name: 'Join the workspace' }).click();
	await page.waitForURL((url) => url.pathname.startsWith('/w/'));
	await page.getByRole('heading', { name: 'Strategy sessions', exact: true }).waitFor();
	return pathOf(page).split('/')[2] ?? '';
}

/** Waits until the page's scripts have loaded and hydrated, for controls that only work with JavaScript. */
export async function waitForHydration(page: Page): Promise<void> {
	// The root layout marks <html data-hydrated> once the app has taken over the server's page.
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}
