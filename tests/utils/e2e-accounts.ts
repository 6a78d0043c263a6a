// Accounts for the end-to-end tests, created and used through the real pages (English UI).
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { Shoot } from './browser';

/** A person who signs up: the workspace they create and their credentials. */
export type Account = { workspaceName: string; name: string; email: string; password: string };

/** Path of a workspace home: /w/<uuid>. */
export const WORKSPACE_HOME = /^\/w\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A random suffix, so that every test works with e-mails and names nobody used before. */
export const uniqueSuffix = (): string => randomBytes(4).toString('hex');

/** A new, never-used account; `tag` says which test made it. */
export function newAccount(tag: string): Account {
	const suffix = uniqueSuffix();
	return {
		workspaceName: `Acme ${tag} ${suffix}`,
		name: `Ada ${tag}`,
		email: `${tag}-${suffix}@example.com`,
		password: `orbit lantern ${suffix} meadow`
	};
}

/** The path of the page, without origin or query. */
export const pathOf = (page: Page): string => new URL(page.url()).pathname;

/** Fills and submits the sign-up form; returns without waiting for where it leads. */
export async function submitSignUp(page: Page, account: Account, shoot: Shoot): Promise<void> {
	await page.goto('/signup');
	await page.getByLabel('Company or team name').fill(account.workspaceName);
	await page.getByLabel('Your name').fill(account.name);
	await page.getByLabel('E-mail').fill(account.email);
	await page.getByLabel('Password', { exact: true }).fill(account.password);
	await shoot(page, 'signup-filled');
	await page.getByRole('button', { name: 'Create workspace' }).click();
}

/** Signs up a new user with a new workspace; returns the workspace's id once its home is shown. */
export async function signUp(page: Page, account: Account, shoot: Shoot): Promise<string> {
	await submitSignUp(page, account, shoot);
	await page.waitForURL((url) => WORKSPACE_HOME.test(url.pathname));
	await page.getByRole('heading', { name: 'Strategy sessions', exact: true }).waitFor();
	return pathOf(page).split('/')[2] ?? '';
}

/** Fills and submits the sign-in form on the current page (navigating to /signin if elsewhere). */
export async function submitSignIn(
	page: Page,
	email: string,
	password: string,
	shoot: Shoot
): Promise<void> {
	if (pathOf(page) !== '/signin') await page.goto('/signin');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await shoot(page, 'signin-filled');
	await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs out with the top bar's button and waits for the sign-in page. */
export async function signOut(page: Page, buttonName = 'Sign out'): Promise<void> {
	await page.getByRole('banner').getByRole('button', { name: buttonName }).click();
	await page.waitForURL((url) => url.pathname === '/signin');
}
