import { afterEach, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { changeTouchpoint, createTouchpoint } from '$lib/server/touchpoints/touchpoints';
import { createSession } from '$lib/server/sessions/sessions';
import { eq } from 'drizzle-orm';
import { mailMessages } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { mailInvite } from '$lib/server/mail/events';
import { renderMail } from '$lib/server/mail/render';
import { createInvite } from '$lib/server/workspaces/invites';
import { createAdmin, createMember, uniqueEmail } from '../../utils/factories';
import { startSmtpSink, type SmtpSink } from '../../utils/smtp-sink';
import { ORIGIN, setLanguage, testClock, workerOn } from './world';

let sink: SmtpSink | undefined;
afterEach(async () => {
	await sink?.close();
	sink = undefined;
});

describe('mail about touchpoints and sessions', () => {
	it("tells a touchpoint's new owner what they own and its rule, as text", async () => {
		const admin = await createAdmin();
		const owner = await createMember(admin, 'member', 'Olga Owner');
		await setLanguage([owner.userId], 'bg');
		const created = await createTouchpoint(db, admin.userId, admin.workspaceId, {
			name: 'Reception <desk>',
			type: 'business',
			kind: '',
			channel: ''
		});
		await changeTouchpoint(db, admin.userId, admin.workspaceId, created.id, {
			revision: created.revision,
			ownerId: owner.userId,
			ruleHtml: '<p>Greet within <strong>10 seconds</strong></p>'
		});
		sink = await startSmtpSink();
		const worker = await workerOn(sink.url, testClock(new Date()).now, admin.workspaceId);
		await worker.tick();
		await worker.stop();
		const [mail] = sink.to(owner.email);
		expect(mail.subject).toBe(
			'Test Workspace: вече сте собственик на точката на контакт „Reception <desk>“'
		);
		expect(mail.text).toContain('Нейният регламент: Greet within 10 seconds');
		expect(mail.text).toContain(`${ORIGIN}/w/${admin.workspaceId}/touchpoints/${created.id}`);
		expect(mail.html).toContain('Reception &lt;desk&gt;');
		expect(mail.html).not.toContain('<strong>');
	});

	it("tells an improvement action's owner what they own, on which touchpoint, and when it is due", async () => {
		const { createAction } = await import('$lib/server/voice/actions');
		const admin = await createAdmin();
		const owner = await createMember(admin, 'reader', 'Rita Reader');
		const created = await createTouchpoint(db, admin.userId, admin.workspaceId, {
			name: 'Call centre line',
			type: 'business',
			kind: '',
			channel: ''
		});
		await createAction(db, admin.userId, admin.workspaceId, created.id, {
			title: 'Call back <within> an hour',
			criterion: 'lead_time',
			ownerId: owner.userId,
			dueOn: '2027-01-31'
		});
		sink = await startSmtpSink();
		const worker = await workerOn(sink.url, testClock(new Date()).now, admin.workspaceId);
		await worker.tick();
		await worker.stop();
		const [mail] = sink.to(owner.email);
		expect(mail.subject).toBe(
			'Test Workspace: an improvement action on “Call centre line” is yours'
		);
		expect(mail.text).toContain('Call back <within> an hour');
		expect(mail.text).toContain('It is due on 2027-01-31.');
		expect(mail.text).toContain(`${ORIGIN}/w/${admin.workspaceId}/touchpoints/${created.id}`);
		expect(mail.html).toContain('Call back &lt;within&gt; an hour');
	});

	it("tells a journey stage's action owner what they own, on which stage of which map, with a link to it", async () => {
		const { createStageAction } = await import('$lib/server/voice/stage-actions');
		const { loadMapState } = await import('$lib/server/journeys/documents');
		const { journeyWorld } = await import('../journeys/world');
		const world = await journeyWorld();
		const { anna, maria } = world.accounts;
		await setLanguage([maria.userId], 'ru');
		const [first] = (await loadMapState(db, world.map)).stages;
		await createStageAction(db, anna.userId, world.workspaceId, world.mapId, first.id, {
			title: 'Greet <everyone> at the door',
			criterion: '',
			ownerId: maria.userId,
			dueOn: '2027-02-28'
		});
		sink = await startSmtpSink();
		const worker = await workerOn(sink.url, testClock(new Date()).now, world.workspaceId);
		await worker.tick();
		await worker.stop();
		const [mail] = sink.to(maria.email);
		expect(mail.subject).toBe(
			`Test Workspace: вам поручено действие по улучшению на этапе «${first.name}»`
		);
		expect(mail.text).toContain('Greet <everyone> at the door');
		expect(mail.text).toContain('«Parent journey»');
		expect(mail.text).toContain('Срок — 2027-02-28.');
		expect(mail.text).toContain(
			`${ORIGIN}/w/${world.workspaceId}/journeys/${world.mapId}#stage-${first.id}`
		);
		expect(mail.html).toContain('Greet &lt;everyone&gt; at the door');
		// Its creator, who owns nothing, gets no mail about it (only the world's session invitations).
		expect(sink.to(anna.email).map((sent) => sent.subject)).not.toContainEqual(
			expect.stringContaining(first.name)
		);
	});

	it('invites the chosen members to a session, with its date', async () => {
		const admin = await createAdmin('Fay Facilitator');
		const alice = await createMember(admin, 'member', 'Alice Andreeva');
		const sessionId = await createSession(db, admin.userId, admin.workspaceId, {
			title: 'Customer focus 2027',
			goal: '',
			scheduledOn: '2027-03-15',
			anonymity: 'off',
			allowGuests: false,
			participantIds: [alice.userId]
		});
		sink = await startSmtpSink();
		const worker = await workerOn(sink.url, testClock(new Date()).now, admin.workspaceId);
		await worker.tick();
		await worker.stop();
		expect(sink.to(admin.email)).toHaveLength(0);
		const [mail] = sink.to(alice.email);
		expect(mail.subject).toBe(
			'Test Workspace: you are invited to the session “Customer focus 2027”'
		);
		expect(mail.text).toContain('Fay Facilitator invites you');
		expect(mail.text).toContain('When: March 15, 2027');
		expect(mail.text).toContain(`${ORIGIN}/s/${sessionId}`);
	});

	it("mails an admin's invitation link, in the admin's language, and keeps no readable copy of the link", async () => {
		const admin = await createAdmin('Ada Admin');
		const member = await createMember(admin, 'member');
		await setLanguage([admin.userId], 'ru');
		const invite = await createInvite(db, admin.userId, admin.workspaceId, {
			role: 'member',
			departmentId: null,
			label: null,
			days: 7
		});
		const link = `${ORIGIN}/invite/${invite.token}`;
		const address = uniqueEmail('invitee');
		await expect(
			mailInvite(db, member.userId, admin.workspaceId, { ...invite, email: address, link })
		).rejects.toBeInstanceOf(DomainError);
		await mailInvite(db, admin.userId, admin.workspaceId, { ...invite, email: address, link });
		await mailInvite(db, admin.userId, admin.workspaceId, { ...invite, email: address, link });
		sink = await startSmtpSink();
		const worker = await workerOn(sink.url, testClock(new Date()).now, admin.workspaceId);
		await worker.tick();
		await worker.stop();
		const mails = sink.to(address);
		expect(mails).toHaveLength(1);
		expect(mails[0].subject).toBe('Ada Admin приглашает вас в Test Workspace в Focusboard');
		expect(mails[0].text).toContain(link);
		expect(mails[0].html).toContain(`href="${link}"`);
		const [stored] = await db
			.select()
			.from(mailMessages)
			.where(eq(mailMessages.toAddress, address));
		expect(stored.status).toBe('sent');
		expect(stored.bodyText).not.toContain(invite.token);
		expect(JSON.stringify(stored.payload)).not.toContain(invite.token);
	});

	it('renders a workspace invitation in Russian and leaves non-http links out of the HTML', () => {
		const mail = renderMail(
			'workspace_invite',
			'ru',
			{ address: 'new@example.test', name: '' },
			{
				workspaceId: 'w',
				workspaceName: 'Клиника',
				inviterName: 'Ада',
				expiresAt: '2027-01-10T00:00:00.000Z',
				link: 'javascript:alert(1)'
			},
			{ origin: ORIGIN, link: null, linkDays: 14 }
		);
		expect(mail.subject).toBe('Ада приглашает вас в Клиника в Focusboard');
		expect(mail.text).toContain('действует до 10 января 2027');
		expect(mail.html).not.toContain('javascript:');
	});
});
