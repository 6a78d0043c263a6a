import { afterEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { mailMessages } from '$lib/server/db/schema';
import { queueAnnouncement } from '$lib/server/mail/events';
import { openMailLink } from '$lib/server/mail/links';
import { listOutbox } from '$lib/server/mail/outbox';
import { claimDueMail, retryDelay } from '$lib/server/mail/queue';
import { validateSessionToken } from '$lib/server/auth/session';
import { DomainError } from '$lib/server/errors';
import { DAY, linkToken, ORIGIN, publishedWorld, setLanguage, testClock, workerOn } from './world';
import type { SmtpSink } from '../../utils/smtp-sink';

let sink: SmtpSink | undefined;
afterEach(async () => {
	await sink?.close();
	sink = undefined;
});

describe('the publication announcement', () => {
	it('goes to every member once, in their language, as text and escaped HTML, with a one-click link', async () => {
		const w = await publishedWorld({ sessionTitle: '<b>Focus</b> & "friends"' });
		sink = w.sink;
		const { alice, bob, admin } = w.world.accounts;
		await setLanguage([alice.userId], 'ru');
		await setLanguage([bob.userId], 'bg');
		const clock = testClock(new Date());
		const worker = await workerOn(sink.url, clock.now, w.world.workspaceId);
		await worker.tick();
		await worker.stop();

		const queued = await w.messages();
		expect(queued.filter((row) => row.kind === 'announcement')).toHaveLength(5);
		expect(queued.every((row) => row.status === 'sent' && row.deliveredVia === 'smtp')).toBe(true);
		// Alice and Bob were also invited to the session.
		expect(sink.to(alice.email).map((mail) => mail.subject)).toEqual(
			expect.arrayContaining([
				'Test Workspace: приглашение на сессию «Customer focus 2026»',
				'Test Workspace: наше определение клиентоориентированности, версия 1'
			])
		);
		expect(sink.to(alice.email)).toHaveLength(2);
		expect(sink.to(bob.email).map((mail) => mail.subject)).toContain(
			'Test Workspace: нашето определение за ориентация към клиента, версия 1'
		);
		const [toAdmin] = sink.to(admin.email);
		expect(toAdmin.subject).toBe('Test Workspace: our customer focus definition, version 1');
		expect(toAdmin.text).toContain('“<b>Focus</b> & "friends"”');
		expect(toAdmin.html).toContain('&lt;b&gt;Focus&lt;/b&gt; &amp; &quot;friends&quot;');
		expect(toAdmin.html).not.toContain('<b>Focus');
		const token = linkToken(toAdmin.text);
		expect(token).toBeTruthy();
		expect(toAdmin.html).toContain(`href="${ORIGIN}/mail/open/${token}"`);
		// The stored copy the admin reads leaves the personal link out.
		const stored = queued.find((row) => row.toAddress === admin.email);
		expect(stored?.bodyText).not.toContain(token);
		expect(stored?.bodyText).toContain('Read and acknowledge');
	});

	it('signs its person in once: the link is single use, expires, and is bound to them', async () => {
		const w = await publishedWorld();
		sink = w.sink;
		const { alice, olga } = w.world.accounts;
		const clock = testClock(new Date());
		const worker = await workerOn(sink.url, clock.now, w.world.workspaceId);
		await worker.tick();
		await worker.stop();
		const token =
			sink
				.to(alice.email)
				.map((mail) => linkToken(mail.text))
				.find(Boolean) ?? '';
		const opened = await openMailLink(db, token);
		expect(opened?.workspaceId).toBe(w.world.workspaceId);
		const session = await validateSessionToken(db, opened?.session.token ?? '');
		expect(session?.user.id).toBe(alice.userId);
		expect(await openMailLink(db, token)).toBeNull();
		expect(await openMailLink(db, `${token}x`)).toBeNull();
		const olgaToken = linkToken(sink.to(olga.email)[0].text) ?? '';
		expect(await openMailLink(db, olgaToken, new Date(Date.now() + 15 * DAY))).toBeNull();
	});
});

describe('the mail queue', () => {
	it('retries with back-off after the server refuses, and sends once', async () => {
		const w = await publishedWorld();
		sink = w.sink;
		const { admin } = w.world.accounts;
		// Other messages may be due from other files sharing this database: refuse plenty.
		sink.refuseNext(1000);
		const clock = testClock(new Date(Date.now() + 1000));
		const worker = await workerOn(sink.url, clock.now, w.world.workspaceId);
		await worker.tick();
		const [failed] = (await w.messages()).filter((row) => row.toAddress === admin.email);
		expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
		expect(failed.lastError).toContain('Try again later');
		expect(failed.nextAttemptAt.getTime()).toBe(clock.now().getTime() + retryDelay(1));
		sink.refuseNext(0);
		await worker.tick();
		expect(sink.to(admin.email)).toHaveLength(0);
		clock.advance(retryDelay(1));
		await worker.tick();
		await worker.tick();
		await worker.stop();
		expect(sink.to(admin.email)).toHaveLength(1);
		const [sent] = (await w.messages()).filter((row) => row.toAddress === admin.email);
		expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
		expect(retryDelay(2)).toBe(2 * retryDelay(1));
	});

	it('never queues or sends an event twice: queuing again after a restart, two workers at once', async () => {
		const w = await publishedWorld();
		sink = w.sink;
		await queueAnnouncement(db, { ...w.publication, sessionTitle: 'again' });
		const announcements = async () =>
			(await w.messages()).filter((row) => row.kind === 'announcement');
		expect(await announcements()).toHaveLength(5);
		const clock = testClock(new Date());
		const first = await workerOn(sink.url, clock.now, w.world.workspaceId);
		const second = await workerOn(sink.url, clock.now, w.world.workspaceId);
		await Promise.all([first.tick(), second.tick(), first.tick()]);
		await Promise.all([first.stop(), second.stop()]);
		for (const account of Object.values(w.world.accounts))
			expect(sink.to(account.email).filter((mail) => linkToken(mail.text))).toHaveLength(1);
		expect(sink.to(w.world.accounts.alice.email)).toHaveLength(2);
		expect((await w.messages()).every((row) => row.status === 'sent')).toBe(true);
	});

	it('leaves a message claimed by a worker that died to others until its lease runs out', async () => {
		const w = await publishedWorld();
		sink = w.sink;
		const clock = testClock(new Date());
		// A worker claims everything due, then dies before sending.
		const claimed = await claimDueMail(db, clock.now(), 1000, 5 * 60_000);
		expect(claimed.filter((row) => row.workspaceId === w.world.workspaceId)).toHaveLength(7);
		const worker = await workerOn(sink.url, clock.now, w.world.workspaceId);
		await worker.tick();
		expect(sink.received).toHaveLength(0);
		clock.advance(5 * 60_000);
		await worker.tick();
		await worker.stop();
		expect(sink.to(w.world.accounts.admin.email)).toHaveLength(1);
		expect((await w.messages()).every((row) => row.status === 'sent')).toBe(true);
	});

	it('gives up on a refused recipient and shows the failure to admins only', async () => {
		const w = await publishedWorld();
		sink = w.sink;
		const { admin, olga, cora } = w.world.accounts;
		sink.rejectRecipient(olga.email);
		const clock = testClock(new Date());
		const worker = await workerOn(sink.url, clock.now, w.world.workspaceId);
		await worker.tick();
		await worker.stop();
		const [row] = await db
			.select()
			.from(mailMessages)
			.where(
				and(
					eq(mailMessages.workspaceId, w.world.workspaceId),
					eq(mailMessages.toAddress, olga.email)
				)
			);
		expect(row).toMatchObject({ status: 'failed', attempts: 1 });
		const outbox = await listOutbox(db, admin.userId, w.world.workspaceId);
		expect(outbox.find((entry) => entry.toAddress === olga.email)?.lastError).toContain(
			'No such user'
		);
		await expect(listOutbox(db, cora.userId, w.world.workspaceId)).rejects.toBeInstanceOf(
			DomainError
		);
	});
});
