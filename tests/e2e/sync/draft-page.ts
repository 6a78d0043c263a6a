// Steps on a strategy session's shared definition draft (tiptap + Yjs), done through the real
// pages (English UI), for the end-to-end tests of the sync client.
import type { BrowserContext, Dialog, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Shoot } from '../../utils/browser';
import { pathOf, submitSignIn, WORKSPACE_HOME } from '../../utils/e2e-accounts';

/** Path of a live session page: /s/<uuid>. */
const SESSION_PAGE = /^\/s\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Waits until the live session page has hydrated and opened its event stream. */
export async function waitForLiveSession(page: Page): Promise<void> {
	// The server renders the "Reconnecting…" badge; the page hides it once its event stream is open.
	await page.getByRole('heading', { level: 2 }).first().waitFor();
	await page.getByText('Reconnecting…').waitFor({ state: 'hidden' });
}

/**
 * Creates a session from the workspace home as its facilitator, with `participant` (a member's
 * display name) in it; returns the session id once its live page is open.
 */
export async function createSession(
	page: Page,
	workspaceId: string,
	session: { title: string; participant: string },
	shoot: Shoot
): Promise<string> {
	await page.goto(`/w/${workspaceId}`);
	await page.getByRole('link', { name: 'New session' }).first().click();
	await page.getByRole('heading', { level: 1, name: 'New strategy session' }).waitFor();
	await page.getByLabel('Title', { exact: true }).fill(session.title);
	await page.getByRole('checkbox', { name: session.participant }).check();
	await shoot(page, 'session-new-filled');
	await page.getByRole('button', { name: 'Create session' }).click();
	await page.waitForURL((url) => SESSION_PAGE.test(url.pathname));
	await waitForLiveSession(page);
	return pathOf(page).split('/')[2] ?? '';
}

/** As the facilitator on the live page, moves everyone to the "Shared definition" stage. */
export async function moveToDraftStage(page: Page): Promise<void> {
	// Jumping over the stages whose work is still empty, the facilitator is asked first: go on.
	const goOn = (dialog: Dialog) => void dialog.accept();
	page.once('dialog', goOn);
	await page
		.getByRole('navigation', { name: 'Stages' })
		.getByRole('button', { name: /Shared definition/ })
		.click();
	await draftEditor(page).waitFor();
	page.off('dialog', goOn);
}

/** Signs in on a fresh page and waits for the workspace home. */
export async function signIn(
	page: Page,
	account: { email: string; password: string },
	shoot: Shoot
): Promise<void> {
	await submitSignIn(page, account.email, account.password, shoot);
	await page.waitForURL((url) => WORKSPACE_HOME.test(url.pathname));
}

/** Opens a session's live page and waits for its draft editor. */
export async function openDraft(page: Page, sessionId: string): Promise<void> {
	await page.goto(`/s/${sessionId}`);
	await waitForLiveSession(page);
	await draftEditor(page).waitFor();
}

/** The collaborative rich-text editor of the draft (tiptap's editable surface). */
export const draftEditor = (page: Page): Locator =>
	page.locator('[contenteditable][aria-label="Shared definition draft"]');

/** The connection indicator of the draft's room (its `data-status` is the client's state). */
export const connectionIndicator = (page: Page): Locator =>
	page.locator('[role="status"][data-status]');

/** The presence avatars of the draft's room. */
export const presenceAvatars = (page: Page): Locator =>
	page.getByRole('list', { name: 'People here' }).getByRole('listitem');

/** The name labels of other people's carets in the draft editor. */
export const caretLabels = (page: Page): Locator => page.locator('.collaboration-carets__label');

/** Puts the caret at the end of the draft and types `text` as a new paragraph. */
export async function typeParagraph(page: Page, text: string): Promise<void> {
	const editor = draftEditor(page);
	await editor.click();
	// The caret goes to the end of the document before the new paragraph starts: press Control+End
	// until none of the document's text is after the caret (once, this run left it at the start of
	// the last paragraph, and the new text went in front of that paragraph's).
	await expect
		.poll(async () => {
			await page.keyboard.press('Control+End');
			return editor.evaluate((element) => {
				const selection = window.getSelection();
				if (!selection?.focusNode || !element.contains(selection.focusNode)) return false;
				const after = document.createRange();
				after.selectNodeContents(element);
				after.setStart(selection.focusNode, selection.focusOffset);
				// Other people's carets carry their names: not part of the document.
				const rest = after.cloneContents();
				for (const caret of rest.querySelectorAll('.collaboration-carets__caret')) caret.remove();
				return (rest.textContent ?? '') === '';
			});
		})
		.toBe(true);
	const empty = await editor.evaluate((element) => (element.textContent ?? '') === '');
	if (!empty) await page.keyboard.press('Enter');
	await page.keyboard.type(text);
}

/** What the draft shows, without what differs per screen: the text of each block and the markup. */
export async function draftContent(page: Page): Promise<{ blocks: string[]; html: string }> {
	return draftEditor(page).evaluate((editor) => {
		const copy = editor.cloneNode(true);
		if (!(copy instanceof HTMLElement)) return { blocks: [], html: '' };
		// Carets, and the hack nodes ProseMirror puts after a widget at the end of a line, differ per screen.
		const perScreen =
			'.collaboration-carets__caret, .ProseMirror-separator, .ProseMirror-trailingBreak';
		for (const node of copy.querySelectorAll(perScreen)) node.remove();
		return {
			blocks: [...copy.children].map((block) => block.textContent ?? ''),
			html: copy.innerHTML
		};
	});
}

/** A switch over a context's WebSocket connections to the sync endpoint. */
export type SyncSocketSwitch = {
	/** While true, every new sync connection fails as if the server could not be reached. */
	refuse(value: boolean): void;
};

/**
 * Routes the context's sync WebSockets through Playwright (install it before the page opens the
 * draft): each connection is passed through to the app's server unchanged, or, while `refuse` is
 * on, fails at once with the 1006 "abnormal closure" a browser reports for an unreachable server.
 */
export async function routeSyncSockets(context: BrowserContext): Promise<SyncSocketSwitch> {
	let refusing = false;
	await context.routeWebSocket(/\/sync\//, async (socket) => {
		if (refusing) {
			await socket.close({ code: 1006, reason: '' });
			return;
		}
		socket.connectToServer();
	});
	return {
		refuse(value) {
			refusing = value;
		}
	};
}
