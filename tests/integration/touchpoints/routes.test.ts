// Every touchpoint and notification endpoint, page and action, called the way SvelteKit calls
// them: each checks the role itself (readers read, editors edit, guests and strangers get nothing),
// bad input is answered with a translated error id and changes nothing, and the owner's notice
// reaches the bell and the list.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { notifications, touchpoints } from '$lib/server/db/schema';
import type { NotificationView } from '$lib/server/notifications/notifications';
import { RULE_TEXT_MAX, TOUCHPOINT_NAME_MAX } from '$lib/touchpoints/model';
import * as registerPage from '../../../src/routes/(app)/w/[ws=uuid]/touchpoints/+page.server';
import * as registerCsv from '../../../src/routes/(app)/w/[ws=uuid]/touchpoints/register.csv/+server';
import * as allEndpoint from '../../../src/routes/(app)/w/[ws=uuid]/touchpoints/all/+server';
import * as oneEndpoint from '../../../src/routes/(app)/w/[ws=uuid]/touchpoints/[tp=uuid]/+server';
import * as onePage from '../../../src/routes/(app)/w/[ws=uuid]/touchpoints/[tp=uuid]/+page.server';
import * as noticesPage from '../../../src/routes/(app)/w/[ws=uuid]/notifications/+page.server';
import * as unreadEndpoint from '../../../src/routes/(app)/w/[ws=uuid]/notifications/unread/+server';
import {
	eventOf,
	formPost,
	journeyWorld,
	jsonRequest,
	loaded,
	localsOf,
	type JourneyWorld
} from '../journeys/world';

type AllGet = Parameters<typeof allEndpoint.GET>[0];
type OneGet = Parameters<typeof oneEndpoint.GET>[0];
type RegisterLoad = Parameters<typeof registerPage.load>[0];
type RegisterAction = Parameters<typeof registerPage.actions.create>[0];
type OneLoad = Parameters<typeof onePage.load>[0];
type CsvGet = Parameters<typeof registerCsv.GET>[0];
type NoticesLoad = Parameters<typeof noticesPage.load>[0];
type NoticesAction = Parameters<typeof noticesPage.actions.read>[0];
type UnreadGet = Parameters<typeof unreadEndpoint.GET>[0];

function who(world: JourneyWorld) {
	const { anna, maria, reader, stranger, facilitator } = world.accounts;
	return {
		anna: localsOf(anna),
		maria: localsOf(maria),
		facilitator: localsOf(facilitator),
		reader: localsOf(reader),
		stranger: localsOf(stranger),
		gina: localsOf(world.actors.gina)
	};
}

type Body = Record<string, unknown> & {
	touchpoint?: {
		id: string;
		revision: number;
		ownerId: string | null;
		hasRule: boolean;
		ruleHtml?: string;
	};
};

async function bodyOf(response: Response): Promise<Body> {
	const data: unknown = await response.json();
	if (typeof data !== 'object' || data === null) throw new Error('not an object');
	return data as Body;
}

describe('the touchpoint endpoints', () => {
	it('list for members, create for editors, refuse guests, strangers and readers', async () => {
		const world = await journeyWorld();
		const as = who(world);
		const url = `/w/${world.workspaceId}/touchpoints/all`;
		const params = { ws: world.workspaceId };
		const post = (locals: App.Locals, body: unknown) =>
			allEndpoint.POST(eventOf<AllGet>(locals, url, params, jsonRequest('POST', body)));
		const created = await post(as.anna, {
			name: 'Website',
			type: 'business',
			kind: 'website',
			channel: 'web'
		});
		expect(created.status).toBe(200);
		expect((await bodyOf(created)).touchpoint).toMatchObject({
			name: 'Website',
			ownerId: null,
			revision: 0
		});
		const refusals: [App.Locals, unknown, number, string][] = [
			[as.reader, { name: 'Reader', type: 'business' }, 403, 'forbidden'],
			[as.gina, { name: 'Guest', type: 'business' }, 403, 'guest_only_session'],
			[as.stranger, { name: 'Stranger', type: 'business' }, 403, 'forbidden'],
			[
				as.anna,
				{ name: 'x'.repeat(TOUCHPOINT_NAME_MAX + 1), type: 'business' },
				400,
				'text_too_long'
			],
			[as.anna, { name: ' ', type: 'business' }, 400, 'name_required'],
			[as.anna, { name: 'Typeless', type: 'robot' }, 400, 'invalid_input'],
			[
				as.anna,
				{ name: 'Owned', type: 'business', ownerId: world.accounts.stranger.userId },
				400,
				'owner_unknown'
			]
		];
		for (const [locals, body, status, error] of refusals) {
			const response = await post(locals, body);
			expect(response.status).toBe(status);
			expect(await bodyOf(response)).toMatchObject({ error });
		}
		const notJson = await allEndpoint.POST(
			eventOf<AllGet>(as.anna, url, params, formPost({ name: 'Form', type: 'business' }))
		);
		expect(notJson.status).toBe(415);
		const listed = await bodyOf(await allEndpoint.GET(eventOf<AllGet>(as.reader, url, params)));
		expect(listed).toMatchObject({ touchpoints: [{ name: 'Website' }] });
		expect((listed.owners as unknown[]).length).toBe(5);
		expect((await allEndpoint.GET(eventOf<AllGet>(as.gina, url, params))).status).toBe(403);
		expect(
			await db.select().from(touchpoints).where(eq(touchpoints.workspaceId, world.workspaceId))
		).toHaveLength(1);
	});

	it('change fields, owner and rule against the revision; refusals change nothing', async () => {
		const world = await journeyWorld();
		const as = who(world);
		const created = await bodyOf(
			await allEndpoint.POST(
				eventOf<AllGet>(
					as.anna,
					`/w/${world.workspaceId}/touchpoints/all`,
					{ ws: world.workspaceId },
					jsonRequest('POST', { name: 'Call centre', type: 'business' })
				)
			)
		);
		const id = created.touchpoint?.id ?? '';
		const url = `/w/${world.workspaceId}/touchpoints/${id}`;
		const params = { ws: world.workspaceId, tp: id };
		const patch = (locals: App.Locals, body: unknown) =>
			oneEndpoint.PATCH(eventOf<OneGet>(locals, url, params, jsonRequest('PATCH', body)));
		const row = async () => (await db.select().from(touchpoints).where(eq(touchpoints.id, id)))[0];

		const assigned = await patch(as.maria, {
			revision: 0,
			ownerId: world.accounts.reader.userId,
			ruleHtml: '<p>Answer by the <em>third</em> ring</p>'
		});
		expect(assigned.status).toBe(200);
		expect((await bodyOf(assigned)).touchpoint).toMatchObject({
			revision: 1,
			ownerId: world.accounts.reader.userId,
			hasRule: true,
			ruleHtml: '<p>Answer by the <em>third</em> ring</p>'
		});
		const before = await row();
		const refusals: [App.Locals, unknown, number, string][] = [
			[as.anna, { revision: 0, name: 'Stale' }, 409, 'revision_conflict'],
			[as.anna, { revision: 1, name: 'x'.repeat(TOUCHPOINT_NAME_MAX + 1) }, 400, 'text_too_long'],
			[as.anna, { revision: 1, channel: 'x'.repeat(61) }, 400, 'text_too_long'],
			[as.anna, { revision: 1, ownerId: world.accounts.stranger.userId }, 400, 'owner_unknown'],
			[as.anna, { revision: 1, ownerId: 'nobody' }, 400, 'owner_unknown'],
			[
				as.anna,
				{ revision: 1, ruleHtml: `<p>${'long '.repeat(RULE_TEXT_MAX / 4)}</p>` },
				400,
				'rule_too_long'
			],
			[as.anna, { revision: 1, ruleHtml: 'x'.repeat(50_000) }, 400, 'rule_too_long'],
			[as.reader, { revision: 1, name: 'Reader' }, 403, 'forbidden'],
			[as.gina, { revision: 1, name: 'Guest' }, 403, 'guest_only_session'],
			[as.stranger, { revision: 1, name: 'Stranger' }, 403, 'forbidden']
		];
		for (const [locals, body, status, error] of refusals) {
			const response = await patch(locals, body);
			expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(status);
			expect(await bodyOf(response)).toMatchObject({ error });
		}
		expect(await row()).toEqual(before);

		const detail = await bodyOf(await oneEndpoint.GET(eventOf<OneGet>(as.reader, url, params)));
		expect(detail.touchpoint).toMatchObject({
			ruleHtml: '<p>Answer by the <em>third</em> ring</p>',
			ruleUpdatedByName: 'Maria Member'
		});
		expect((await oneEndpoint.GET(eventOf<OneGet>(as.gina, url, params))).status).toBe(403);
		const page = await onePage.load(eventOf<OneLoad>(as.reader, url, params));
		expect(page).toMatchObject({ canEdit: false, touchpoint: { id }, placement: { stages: [] } });
		await expect(onePage.load(eventOf<OneLoad>(as.stranger, url, params))).rejects.toMatchObject({
			status: 403
		});

		expect(
			(await oneEndpoint.DELETE(eventOf<OneGet>(as.reader, url, params, { method: 'DELETE' })))
				.status
		).toBe(403);
		expect(
			(await oneEndpoint.DELETE(eventOf<OneGet>(as.anna, url, params, { method: 'DELETE' }))).status
		).toBe(200);
		expect((await oneEndpoint.GET(eventOf<OneGet>(as.anna, url, params))).status).toBe(404);
	});
});

describe('the register page and its CSV', () => {
	it('show coverage to every member, let editors create, and refuse guests and strangers', async () => {
		const world = await journeyWorld();
		const as = who(world);
		const url = `/w/${world.workspaceId}/touchpoints`;
		const params = { ws: world.workspaceId };
		const create = (locals: App.Locals, fields: Record<string, string>) =>
			registerPage.actions.create(
				eventOf<RegisterAction>(locals, `${url}?/create`, params, formPost(fields))
			);
		await expect(
			create(as.anna, {
				name: 'Reception',
				type: 'employee',
				channel: 'in person',
				ownerId: world.accounts.maria.userId
			})
		).rejects.toMatchObject({
			status: 303,
			location: expect.stringMatching(new RegExp(`^${url}/[0-9a-f-]{36}$`))
		});
		expect(
			await create(as.anna, {
				name: 'Bad owner',
				type: 'business',
				ownerId: world.accounts.stranger.userId
			})
		).toMatchObject({
			status: 400,
			data: { errors: { ownerId: ['owner_unknown'] } }
		});
		expect(await create(as.anna, { name: '', type: 'business' })).toMatchObject({
			status: 400,
			data: { errors: { name: ['name_required'] } }
		});
		await expect(create(as.reader, { name: 'Reader', type: 'business' })).rejects.toMatchObject({
			status: 403
		});
		await expect(create(as.gina, { name: 'Guest', type: 'business' })).rejects.toMatchObject({
			status: 403
		});

		const page = await registerPage.load(eventOf<RegisterLoad>(as.reader, url, params));
		expect(page).toMatchObject({
			canEdit: false,
			register: {
				coverage: { total: 1, covered: 0, percent: 0 },
				rows: [{ name: 'Reception', ownerName: 'Maria Member', hasRule: false }]
			}
		});
		for (const locals of [as.gina, as.stranger])
			await expect(
				registerPage.load(eventOf<RegisterLoad>(locals, url, params))
			).rejects.toMatchObject({ status: 403 });

		const csvResponse = await registerCsv.GET(
			eventOf<CsvGet>(as.reader, `${url}/register.csv`, params)
		);
		expect(csvResponse.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
			await csvResponse.arrayBuffer()
		);
		const lines = csv.split('\r\n');
		expect(lines[0]).toBe(
			'\uFEFFTouchpoint,Type,Kind,Channel,Stages,Owner,Rule,Latest experience,Portraits,Journey maps,Owner and rule,Rule text'
		);
		expect(lines[1]).toBe('Reception,Employee,,in person,,Maria Member,no,,,,no,');
		expect(lines).toHaveLength(3);
		await expect(
			registerCsv.GET(eventOf<CsvGet>(as.gina, `${url}/register.csv`, params))
		).rejects.toMatchObject({ status: 403 });
	});
});

describe('notifications', () => {
	it('tell the new owner, count on the bell, are marked read by their owner only', async () => {
		const world = await journeyWorld();
		const as = who(world);
		const base = `/w/${world.workspaceId}/notifications`;
		const params = { ws: world.workspaceId };
		await allEndpoint.POST(
			eventOf<AllGet>(
				as.anna,
				`/w/${world.workspaceId}/touchpoints/all`,
				params,
				jsonRequest('POST', {
					name: 'Website',
					type: 'business',
					ownerId: world.accounts.maria.userId
				})
			)
		);
		await allEndpoint.POST(
			eventOf<AllGet>(
				as.anna,
				`/w/${world.workspaceId}/touchpoints/all`,
				params,
				jsonRequest('POST', {
					name: 'Phone',
					type: 'business',
					ownerId: world.accounts.maria.userId
				})
			)
		);
		const unread = async (locals: App.Locals) =>
			bodyOf(await unreadEndpoint.GET(eventOf<UnreadGet>(locals, `${base}/unread`, params)));
		expect(await unread(as.maria)).toEqual({ unread: 2 });
		expect(await unread(as.anna)).toEqual({ unread: 0 });
		expect(
			(await unreadEndpoint.GET(eventOf<UnreadGet>(as.gina, `${base}/unread`, params))).status
		).toBe(403);
		const list = (await loaded(noticesPage.load(eventOf<NoticesLoad>(as.maria, base, params)))) as {
			notifications: NotificationView[];
		};
		expect(
			list.notifications.map((notice) => [notice.kind, notice.payload.name, notice.actorName])
		).toEqual([
			['touchpoint_assigned', 'Phone', 'Anna Member'],
			['touchpoint_assigned', 'Website', 'Anna Member']
		]);
		const act = (
			name: 'read' | 'readAll',
			locals: App.Locals,
			fields: Record<string, string> = {}
		) =>
			noticesPage.actions[name](
				eventOf<NoticesAction>(locals, `${base}?/${name}`, params, formPost(fields))
			);
		const first = list.notifications[0].id;
		await expect(act('read', as.anna, { id: first })).rejects.toMatchObject({ status: 404 });
		expect(await act('read', as.maria, { id: 'x' })).toMatchObject({ status: 400 });
		expect(await act('read', as.maria, { id: first })).toEqual({ read: first });
		expect(await unread(as.maria)).toEqual({ unread: 1 });
		await expect(act('readAll', as.gina)).rejects.toMatchObject({ status: 403 });
		expect(await act('readAll', as.maria)).toEqual({ readAll: true });
		expect(await unread(as.maria)).toEqual({ unread: 0 });
		const rows = await db
			.select()
			.from(notifications)
			.where(eq(notifications.userId, world.accounts.maria.userId));
		expect(rows.every((row) => row.readAt !== null)).toBe(true);
	});
});
