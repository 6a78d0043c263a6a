import { afterEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { acknowledgements, mailMessages, publications } from '$lib/server/db/schema';
import { acknowledgeDefinition } from '$lib/server/publications/reader';
import { reminderReach } from '$lib/server/publications/reach-reminders';
import { createDepartment } from '$lib/server/workspaces/departments';
import { updateMember } from '$lib/server/workspaces/members';
import {
	parseReminderDays,
	remindersWanted,
	setReminderSchedule,
	setRemindersWanted
} from '$lib/server/mail/outbox';
import { dueReminderDay } from '$lib/server/mail/reminders';
import { DomainError } from '$lib/server/errors';
import { DAY, linkToken, publishedWorld, testClock, workerOn } from './world';
import type { SmtpSink } from '../../utils/smtp-sink';

let sink: SmtpSink | undefined;
afterEach(async () => {
	await sink?.close();
	sink = undefined;
});

const isReminder = (mail: { subject: string }) => mail.subject.startsWith('Reminder:');

/** Published at `publishedAt`, with the announcement already sent. */
async function remindedWorld(days: number[]) {
	const w = await publishedWorld();
	sink = w.sink;
	const { admin } = w.world.accounts;
	await setReminderSchedule(db, admin.userId, w.world.workspaceId, days);
	const publishedAt = new Date();
	await db.update(publications).set({ publishedAt }).where(eq(publications.id, w.publication.id));
	const clock = testClock(publishedAt);
	const worker = await workerOn(w.sink.url, clock.now, w.world.workspaceId);
	await worker.tick();
	return { ...w, sink: w.sink, clock, worker };
}

describe('reminders', () => {
	it('go on the schedule only to those who have not acknowledged and have not turned them off', async () => {
		const { world, sink, clock, worker } = await remindedWorld([3, 7]);
		const { admin, alice, bob, cora, olga } = world.accounts;
		await acknowledgeDefinition(db, alice.userId, world.workspaceId, 1);
		await setRemindersWanted(db, bob.userId, false);
		expect(await remindersWanted(db, bob.userId)).toBe(false);

		clock.advance(3 * DAY - 60_000);
		await worker.tick();
		expect(sink.received.filter(isReminder)).toHaveLength(0);
		clock.advance(60_000);
		await worker.tick();
		const reminded = (email: string) => sink.to(email).filter(isReminder);
		for (const account of [admin, cora, olga]) expect(reminded(account.email)).toHaveLength(1);
		for (const account of [alice, bob]) expect(reminded(account.email)).toHaveLength(0);
		const reminder = reminded(olga.email)[0];
		expect(reminder.text).toContain('published 3 days ago');
		expect(linkToken(reminder.text)).toBeTruthy();
		expect(reminder.text).toContain(`/w/${world.workspaceId}/profile`);

		// Another round on the same day sends nothing new; Olga acknowledges before day 7.
		await worker.tick();
		expect(reminded(olga.email)).toHaveLength(1);
		await acknowledgeDefinition(db, olga.userId, world.workspaceId, 1);
		clock.advance(4 * DAY);
		await worker.tick();
		await worker.stop();
		expect(reminded(admin.email)).toHaveLength(2);
		expect(reminded(cora.email)).toHaveLength(2);
		expect(reminded(olga.email)).toHaveLength(1);
		expect(reminded(bob.email)).toHaveLength(0);
	});

	it('after a long pause send only the latest due step, and stop when a newer version is published', async () => {
		const { world, publication, sink, clock, worker, messages } = await remindedWorld([3, 7]);
		const { olga } = world.accounts;
		clock.advance(8 * DAY);
		await worker.tick();
		expect(sink.to(olga.email).filter(isReminder)).toHaveLength(1);
		expect(sink.to(olga.email).filter(isReminder)[0].text).toContain('published 7 days ago');

		// Queued for day 14, then version 2 comes out before it is sent.
		await setReminderSchedule(db, world.accounts.admin.userId, world.workspaceId, [3, 7, 14]);
		clock.advance(6 * DAY);
		sink.refuseNext(1000);
		await worker.tick();
		sink.refuseNext(0);
		const [current] = await db
			.select()
			.from(publications)
			.where(eq(publications.id, publication.id));
		const { id: _id, ...copy } = current;
		await db.insert(publications).values({
			...copy,
			version: 2,
			consensusRoundId: null,
			publishedAt: new Date(clock.now().getTime() - 60_000)
		});
		clock.advance(DAY);
		await worker.tick();
		await worker.stop();
		expect(sink.to(olga.email).filter(isReminder)).toHaveLength(1);
		const old = (await messages()).filter(
			(row) => row.kind === 'reminder' && row.publicationId === publication.id
		);
		const step = (row: (typeof old)[number]) => row.payload.days;
		expect(old.filter((row) => step(row) === '7').every((row) => row.status === 'sent')).toBe(true);
		const day14 = old.filter((row) => step(row) === '14');
		expect(day14.length).toBeGreaterThan(0);
		expect(day14.every((row) => row.status === 'cancelled' && row.attempts === 2)).toBe(true);
	});

	it('that were queued are not sent once the person acknowledged or turned them off', async () => {
		const { world, sink, clock, worker, messages } = await remindedWorld([3]);
		const { admin, olga } = world.accounts;
		clock.advance(3 * DAY);
		// The sink refuses this round: the reminders stay queued.
		sink.refuseNext(1000);
		await worker.tick();
		sink.refuseNext(0);
		await acknowledgeDefinition(db, olga.userId, world.workspaceId, 1);
		await setRemindersWanted(db, admin.userId, false);
		clock.advance(DAY);
		await worker.tick();
		await worker.stop();
		expect(sink.to(olga.email).filter(isReminder)).toHaveLength(0);
		expect(sink.to(admin.email).filter(isReminder)).toHaveLength(0);
		expect(sink.to(world.accounts.cora.email).filter(isReminder)).toHaveLength(1);
		const cancelled = (await messages()).filter(
			(row) => row.kind === 'reminder' && row.status === 'cancelled'
		);
		expect(cancelled.map((row) => row.toAddress).sort()).toEqual([admin.email, olga.email].sort());
	});

	it('show in reach per department, with the acknowledgements that followed them', async () => {
		const { world, publication, clock, worker } = await remindedWorld([3]);
		const { admin, alice, bob, olga, cora } = world.accounts;
		const sales = await createDepartment(db, admin.userId, world.workspaceId, 'Sales');
		for (const account of [alice, bob])
			await updateMember(db, admin.userId, world.workspaceId, {
				userId: account.userId,
				role: 'member',
				departmentId: sales
			});
		clock.advance(3 * DAY);
		await worker.tick();
		await worker.stop();
		await acknowledgeDefinition(db, alice.userId, world.workspaceId, 1);
		await acknowledgeDefinition(db, olga.userId, world.workspaceId, 1);
		// Alice and Olga acknowledged after the reminder went out.
		await db
			.update(acknowledgements)
			.set({ acknowledgedAt: new Date(clock.now().getTime() + DAY) })
			.where(eq(acknowledgements.publicationId, publication.id));
		expect(await reminderReach(db, cora.userId, world.workspaceId)).toEqual([
			{ departmentId: sales, departmentName: 'Sales', sent: 2, reminded: 2, acknowledgedAfter: 1 },
			{ departmentId: null, departmentName: null, sent: 3, reminded: 3, acknowledgedAfter: 1 }
		]);
		await expect(reminderReach(db, bob.userId, world.workspaceId)).rejects.toBeInstanceOf(
			DomainError
		);
	});
});

describe('the reminder schedule', () => {
	it('is read from a list of whole days and set by admins only', async () => {
		expect(parseReminderDays('7, 3;3 ')).toEqual([3, 7]);
		expect(parseReminderDays('')).toEqual([]);
		for (const bad of ['0', '2.5', 'x', '400'])
			expect(() => parseReminderDays(bad)).toThrow(DomainError);
		expect(dueReminderDay([3, 7], new Date(0), new Date(5 * DAY))).toBe(3);
		expect(dueReminderDay([3, 7], new Date(0), new Date(DAY))).toBeNull();
		const w = await publishedWorld();
		sink = w.sink;
		await expect(
			setReminderSchedule(db, w.world.accounts.cora.userId, w.world.workspaceId, [1])
		).rejects.toBeInstanceOf(DomainError);
		const rows = await db
			.select()
			.from(mailMessages)
			.where(
				and(eq(mailMessages.workspaceId, w.world.workspaceId), eq(mailMessages.kind, 'reminder'))
			);
		expect(rows).toHaveLength(0);
	});
});
