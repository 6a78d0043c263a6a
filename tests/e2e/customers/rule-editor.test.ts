import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshots, useBrowser } from '../../utils/browser';
import { newAccount, signUp } from '../../utils/e2e-accounts';

/** Creates a touchpoint through the app's JSON endpoint, as the map's "Add touchpoint" form does. */
async function createTouchpoint(page: Page, workspaceId: string, name: string): Promise<string> {
	const response = await page.request.post(`/w/${workspaceId}/touchpoints/all`, {
		data: { name, type: 'business', kind: 'phone', channel: 'Phone' }
	});
	expect(response.status()).toBe(200);
	const body = (await response.json()) as { touchpoint: { id: string } };
	return body.touchpoint.id;
}

// The rule editor (tiptap) is fetched only when a rule is shown, so that a journey map opens
// without it; if that fetch fails, the person is told, and the rest of the touchpoint still works.
describe.skipIf(!inject('appUrl'))('the rule editor, fetched when a rule is shown', () => {
	const browser = useBrowser();

	it('says so when the editor cannot be fetched, and works once it can', async () => {
		const shoot = screenshots('rule-editor');
		const page = await browser.newPage();
		const workspaceId = await signUp(page, newAccount('rules'), shoot);
		const touchpointId = await createTouchpoint(page, workspaceId, 'Front desk phone');
		const ruled = await page.request.patch(`/w/${workspaceId}/touchpoints/${touchpointId}`, {
			data: { revision: 0, ruleHtml: '<p>Greet by name.</p>' }
		});
		expect(ruled.status()).toBe(200);

		const editorRequests: string[] = [];
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			const response = await route.fetch();
			const body = await response.text();
			if (!body.includes('ProseMirror')) return route.fulfill({ response, body });
			editorRequests.push(route.request().url());
			return route.abort('internetdisconnected');
		});
		await page.goto(`/w/${workspaceId}/touchpoints/${touchpointId}`);
		const alert = page
			.getByRole('alert')
			.filter({ hasText: 'The rule editor could not be loaded' });
		await alert.waitFor();
		await shoot(page, 'editor-unavailable');
		expect(editorRequests.length).toBeGreaterThan(0);
		expect(await page.locator('[contenteditable][role="textbox"]').count()).toBe(0);
		// The saved rule is still shown, and the other fields are still there to edit.
		expect(await page.getByText('Greet by name.').isVisible()).toBe(true);
		expect(await page.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Front desk phone');

		await page.unrouteAll();
		await page.reload();
		const rule = page.locator('[contenteditable="true"][role="textbox"]');
		await rule.waitFor();
		await rule.click();
		await page.keyboard.press('Control+End');
		await page.keyboard.press('Enter');
		await page.keyboard.type('Answer within three rings.');
		await page.getByRole('button', { name: 'Save', exact: true }).click();
		await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
		await shoot(page, 'editor-loaded-and-saved');
		expect(await alert.count()).toBe(0);
		const saved = await page.request.get(`/w/${workspaceId}/touchpoints/${touchpointId}`, {
			headers: { accept: 'application/json' }
		});
		const { touchpoint } = (await saved.json()) as { touchpoint: { ruleHtml: string } };
		expect(touchpoint.ruleHtml).toBe('<p>Greet by name.</p><p>Answer within three rings.</p>');
	});
});
