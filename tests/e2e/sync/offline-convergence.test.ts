// Two people co-write the definition draft of a strategy session in real Chromium against the
// production build: they see each other's edits and presence; one goes offline, keeps writing
// (through a reload), comes back, and both editors, and the server, end with the same text.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { newAccount, signUp } from '../../utils/e2e-accounts';
import { createInviteLink, joinByInvite, openMembers } from '../../utils/e2e-workspace';
import {
	caretLabels,
	connectionIndicator,
	createSession,
	draftContent,
	draftEditor,
	moveToDraftStage,
	openDraft,
	presenceAvatars,
	routeSyncSockets,
	signIn,
	typeParagraph
} from './draft-page';

/** How long a change may take to show up on another screen (a reconnection waits out its back-off, at most 10 s). */
const SYNC_TIMEOUT_MS = 20_000;

/** The blocks of the draft, as the page shows them. */
const blocksOf = async (page: Page) => (await draftContent(page)).blocks;

/** Waits until the connection indicator shows `status` with its English label. */
async function expectIndicator(page: Page, status: 'connected' | 'offline', label: string) {
	await expect
		.poll(
			() =>
				connectionIndicator(page).evaluate((element) => [
					element.getAttribute('data-status'),
					element.textContent?.trim()
				]),
			{ timeout: SYNC_TIMEOUT_MS }
		)
		.toEqual([status, label]);
}

describe.skipIf(!inject('appUrl'))('the shared definition draft between two people', () => {
	const browser = useBrowser();

	it(
		'shows edits and presence live, keeps offline edits through a reload, and converges with the server',
		{ timeout: 240_000 },
		async () => {
			const shoot = screenshots('sync/offline-convergence');

			// A facilitator (the workspace's admin) invites a member and runs a session up to the draft.
			const facilitatorAccount = newAccount('facilitator');
			const memberAccount = newAccount('member');
			const a = await browser.newPage();
			const workspaceId = await signUp(a, facilitatorAccount, shoot);
			await openMembers(a, workspaceId);
			const link = await createInviteLink(a, { role: 'member' }, shoot);
			const b = await browser.newPage();
			await joinByInvite(b, link, memberAccount, shoot);
			const sessionId = await createSession(
				a,
				workspaceId,
				{ title: 'What customer focus means for us', participant: memberAccount.name },
				shoot
			);
			await moveToDraftStage(a);
			// B's sync sockets go through Playwright from the start, so the test can later make the sync
			// server unreachable for B alone (the page keeps its own WebSocket class; see routeSyncSockets).
			const syncForB = await routeSyncSockets(b.context());
			await openDraft(b, sessionId);

			// (1) Online: each sees the other's text, avatar and caret name; both say connected.
			await expectIndicator(a, 'connected', 'Live');
			await expectIndicator(b, 'connected', 'Live');
			const first = 'Customer focus means we start from what the customer needs.';
			await typeParagraph(a, first);
			await expect.poll(() => blocksOf(b), { timeout: SYNC_TIMEOUT_MS }).toEqual([first]);
			const second = 'Internal customers count as much as buyers.';
			await typeParagraph(b, second);
			await expect.poll(() => blocksOf(a), { timeout: SYNC_TIMEOUT_MS }).toEqual([first, second]);
			await presenceAvatars(a).filter({ hasText: memberAccount.name }).waitFor();
			await presenceAvatars(b).filter({ hasText: facilitatorAccount.name }).waitFor();
			await caretLabels(a).filter({ hasText: memberAccount.name }).waitFor();
			await draftEditor(a).click();
			await caretLabels(b).filter({ hasText: facilitatorAccount.name }).waitFor();
			expect(await presenceAvatars(a).count()).toBe(1);
			expect(await presenceAvatars(b).count()).toBe(1);
			await shoot(a, 'facilitator-online');
			await shoot(b, 'member-online');

			// (2) B goes offline. Chromium's offline emulation does not close a WebSocket that is already
			// open (it holds its frames and delivers them when back online), so the client helper must
			// drop the connection itself on the browser's `offline` event; the indicator shows it.
			await b.context().setOffline(true);
			await expectIndicator(b, 'offline', 'Offline — your changes are kept and sent when back');
			await expectIndicator(a, 'connected', 'Live');
			const offlineB1 = 'We keep every promise we make, even the small ones.';
			const onlineA1 = 'A complaint is a gift: we answer within a day.';
			await typeParagraph(b, offlineB1);
			await typeParagraph(a, onlineA1);
			await expect.poll(() => blocksOf(b)).toEqual([first, second, offlineB1]);
			await expect.poll(() => blocksOf(a)).toEqual([first, second, onlineA1]);
			await shoot(b, 'member-offline-edited');

			// The server really has not heard from B: a fresh screen (the facilitator signed in anew, so
			// no local copy) loads the server's whole document, with A's new line and without B's.
			const observer = await browser.newPage();
			await signIn(observer, facilitatorAccount, shoot);
			await openDraft(observer, sessionId);
			await expect
				.poll(() => blocksOf(observer), { timeout: SYNC_TIMEOUT_MS })
				.toEqual([first, second, onlineA1]);
			await shoot(observer, 'observer-while-member-offline');

			// B reloads while still cut off. Without a service worker the page itself cannot load with
			// the browser offline, so the browser comes back for pages while the route refuses every sync
			// connection (as an unreachable sync server would): B's offline line comes back from the
			// browser's local copy, and B goes on writing.
			syncForB.refuse(true);
			await b.context().setOffline(false);
			await b.reload();
			await draftEditor(b).waitFor();
			await expect
				.poll(() => blocksOf(b), { timeout: SYNC_TIMEOUT_MS })
				.toEqual([first, second, offlineB1]);
			await expectIndicator(b, 'offline', 'Offline — your changes are kept and sent when back');
			const offlineB2 = 'We never promise what we cannot deliver.';
			await typeParagraph(b, offlineB2);
			await expect.poll(() => blocksOf(b)).toEqual([first, second, offlineB1, offlineB2]);
			const onlineA2 = 'Every employee knows who their customer is.';
			await typeParagraph(a, onlineA2);
			await expect
				.poll(() => blocksOf(observer), { timeout: SYNC_TIMEOUT_MS })
				.toEqual([first, second, onlineA1, onlineA2]);
			expect(await blocksOf(b)).toEqual([first, second, offlineB1, offlineB2]);
			await shoot(b, 'member-reloaded-offline');

			// B's sync server is reachable again: the client's back-off retry reconnects, and both
			// sides' lines meet, each exactly once, in the same order on both screens.
			syncForB.refuse(false);
			await expectIndicator(b, 'connected', 'Live');
			const everyLine = [first, second, onlineA1, onlineA2, offlineB1, offlineB2];
			const converged = async (page: Page) => {
				const blocks = await blocksOf(page);
				return everyLine.every((line) => blocks.filter((block) => block === line).length === 1);
			};
			await expect.poll(() => converged(a), { timeout: SYNC_TIMEOUT_MS }).toBe(true);
			await expect.poll(() => converged(b), { timeout: SYNC_TIMEOUT_MS }).toBe(true);
			await expect
				.poll(async () => (await draftContent(b)).html)
				.toBe((await draftContent(a)).html);
			const merged = await blocksOf(a);
			expect(merged).toHaveLength(everyLine.length);
			expect(merged.slice(0, 2)).toEqual([first, second]);
			await presenceAvatars(a).filter({ hasText: memberAccount.name }).waitFor();
			await presenceAvatars(b).filter({ hasText: facilitatorAccount.name }).waitFor();
			await expectIndicator(a, 'connected', 'Live');
			await shoot(a, 'facilitator-converged');
			await shoot(b, 'member-converged');

			// (3) The server holds the merged document: the live observer got it, and a fresh screen
			// (the member signed in anew, no local copy) loads exactly the same.
			await expect.poll(() => blocksOf(observer), { timeout: SYNC_TIMEOUT_MS }).toEqual(merged);
			const fresh = await browser.newPage();
			await signIn(fresh, memberAccount, shoot);
			await openDraft(fresh, sessionId);
			await expect.poll(() => blocksOf(fresh), { timeout: SYNC_TIMEOUT_MS }).toEqual(merged);
			await shoot(fresh, 'fresh-member-screen');
		}
	);
});
