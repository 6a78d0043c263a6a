// The publication announcement end to end: an app process of its own sends through a real SMTP
// sink; the admin publishes, the reader's captured message carries a one-click link, Chromium
// follows it signed out, the reader acknowledges on the page, and the reach page moves.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { newAccount, pathOf, signUp } from '../../utils/e2e-accounts';
import { createInviteLink, joinByInvite, openMembers } from '../../utils/e2e-workspace';
import {
	copyBuild,
	startProductionServer,
	type ProductionServer
} from '../../utils/production-server';
import { startSmtpSink, type SmtpSink } from '../../utils/smtp-sink';

/** Copying the build waits for other runs' builds; start-up migrates a fresh database. */
const STARTUP_MS = 400_000;
const stageKeys = ['definitions', 'themes', 'criteria', 'draft', 'consensus', 'publish'];
const DEFINITION = 'We treat every patient as a partner in their care.';

/** A session file at the publish stage whose latest round agreed on one version. */
function agreedSessionFile(title: string): string {
	const at = new Date().toISOString();
	return JSON.stringify({
		format: 'focusboard.session/1',
		exportedAt: at,
		session: {
			title,
			goal: '',
			scheduledOn: null,
			anonymity: 'off',
			stages: stageKeys.map((key) => ({ key, title: null, skipped: false })),
			currentStage: 'publish',
			locked: false,
			definitionsRevealedAt: null
		},
		participants: [{ ref: 'p1', name: 'Nina Nurse', facilitator: false, guest: false }],
		definitions: [],
		votes: [],
		versions: [
			{
				ref: 'v1',
				number: 1,
				name: 'Agreed',
				html: `<p>${DEFINITION}</p>`,
				text: DEFINITION,
				createdAt: at,
				createdBy: null
			}
		],
		consensus: [
			{
				ref: 'r1',
				version: 'v1',
				status: 'agreed',
				openedAt: at,
				closedAt: at,
				answers: [{ participant: 'p1', answer: 'accept', comment: '', answeredAt: at }]
			}
		],
		publications: [],
		documents: { board: null, criteria: null, draft: null }
	});
}

describe.skipIf(!inject('appUrl'))('the publication announcement by e-mail', () => {
	const { newPage } = useBrowser();
	let build: Awaited<ReturnType<typeof copyBuild>> | undefined;
	let server: ProductionServer | undefined;
	let sink: SmtpSink | undefined;

	beforeAll(async () => {
		sink = await startSmtpSink();
		build = await copyBuild();
		const smtpUrl = sink.url;
		server = await startProductionServer(build.dir, (port) => `http://127.0.0.1:${port}`, {
			env: () => ({ SMTP_URL: smtpUrl, MAIL_FROM: 'Focusboard <focus@example.test>' })
		});
	}, STARTUP_MS);
	afterAll(async () => {
		await server?.stop();
		await build?.remove();
		await sink?.close();
	});

	it('publishes, mails the link, and the reader acknowledges through it', async () => {
		if (!server || !sink) throw new Error('the mail server or the app did not start');
		const shoot = screenshots('mail-announcement');
		const baseURL = server.url;
		const admin = newAccount('mailadmin');
		const reader = { ...newAccount('mailreader'), name: 'Rita Reader' };

		const adminPage = await newPage({ baseURL });
		const workspaceId = await signUp(adminPage, admin, shoot);
		await openMembers(adminPage, workspaceId);
		const inviteLink = await createInviteLink(adminPage, { role: 'member' }, shoot);
		const readerSignUp = await newPage({ baseURL });
		await joinByInvite(readerSignUp, inviteLink, reader, shoot);

		// The admin imports a session that agreed on a definition, and publishes it.
		await adminPage.goto(`/w/${workspaceId}/sessions/import`);
		await adminPage.getByLabel('Export file').setInputFiles({
			name: 'session.json',
			mimeType: 'application/json',
			buffer: Buffer.from(agreedSessionFile('Patients first'))
		});
		await adminPage.getByRole('button', { name: 'Import' }).click();
		await adminPage.waitForURL((url) => url.pathname.includes('/outputs'));
		const sessionId = pathOf(adminPage).split('/')[4];
		await adminPage.goto(`/s/${sessionId}`);
		await shoot(adminPage, 'session-opened');
		await adminPage
			.getByRole('heading', { name: 'Agreed draft version 1: Agreed' })
			.waitFor({ timeout: 60_000 })
			.catch(async (error: unknown) => {
				await shoot(adminPage, 'session-no-agreed-version');
				throw error;
			});
		await adminPage.getByLabel('What it means in daily work').fill('Ask before you assume.');
		await adminPage.getByRole('button', { name: 'Publish as version 1' }).click();
		await adminPage.getByText('Published as version 1.').waitFor();
		await shoot(adminPage, 'published');

		// The worker sends the announcement through the mail server.
		const mail = await vi.waitFor(
			() => {
				const found = sink?.to(reader.email).find((m) => m.subject.includes('version 1'));
				if (!found) throw new Error('no announcement yet');
				return found;
			},
			{ timeout: 45_000, interval: 500 }
		);
		expect(mail.subject).toBe(`${admin.workspaceName}: our customer focus definition, version 1`);
		expect(mail.text).toContain('Hello Rita Reader,');
		expect(mail.text).toContain('“Patients first”');
		const link = /http:\/\/127\.0\.0\.1:\d+\/mail\/open\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
		expect(link).toBeTruthy();
		expect(mail.html).toContain(`href="${link}"`);

		// Signed out, the link opens the definition as Rita; acknowledging is still her click.
		const readerPage = await newPage({ baseURL });
		await readerPage.goto(link ?? '');
		await readerPage.waitForURL((url) => url.pathname === `/w/${workspaceId}/definition`);
		await readerPage.getByText(DEFINITION).waitFor();
		await shoot(readerPage, 'opened-from-mail');
		await readerPage.getByRole('button', { name: 'I have read and understood' }).click();
		await readerPage
			.getByText(/You confirmed on .+ that you have read and understood this version\./)
			.waitFor();

		// The link works once.
		const again = await newPage({ baseURL });
		await again.goto(link ?? '');
		await again.getByRole('heading', { name: 'This link no longer works' }).waitFor();

		// Reach moves: one of two members.
		await adminPage.goto(`/w/${workspaceId}/definition/reach`);
		await adminPage.getByText('1 of 2 members').waitFor();
		await shoot(adminPage, 'reach');

		// The admin's mail page lists what was sent.
		await adminPage.goto(`/w/${workspaceId}/mail`);
		await adminPage
			.getByText('Mail is sent through the mail server configured by SMTP_URL.', { exact: false })
			.waitFor();
		const rows = adminPage.getByTestId('outbox-row');
		expect(await rows.filter({ hasText: reader.email }).first().textContent()).toContain('sent');
		expect(await adminPage.content()).not.toContain(link ?? 'no link');
		await shoot(adminPage, 'outbox');
	});
});
