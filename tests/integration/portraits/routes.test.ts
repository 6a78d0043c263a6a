// The portrait pages, actions and endpoints called the way SvelteKit calls them. A layout's check
// does not cover actions or endpoints, so each is tried with readers, strangers and guests.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { journeyMaps, portraits, sessionJourneyMaps } from '$lib/server/db/schema';
import { linkPortraitToSession, type SessionOption } from '$lib/server/portraits/links';
import type { PortraitJourneyMap } from '$lib/server/portraits/portraits';
import type { PortraitSummary } from '$lib/portraits/model';
import * as appLayout from '../../../src/routes/(app)/+layout.server';
import * as listPage from '../../../src/routes/(app)/w/[ws=uuid]/portraits/+page.server';
import * as newPage from '../../../src/routes/(app)/w/[ws=uuid]/portraits/new/+page.server';
import * as portraitPage from '../../../src/routes/(app)/w/[ws=uuid]/portraits/[id=uuid]/+page.server';
import * as photoEndpoint from '../../../src/routes/(app)/w/[ws=uuid]/portraits/[id=uuid]/photo/+server';
import * as printPage from '../../../src/routes/(app)/w/[ws=uuid]/portraits/[id=uuid]/print/+page.server';
import * as comparePage from '../../../src/routes/(app)/w/[ws=uuid]/portraits/compare/+page.server';
import * as paretoPage from '../../../src/routes/(app)/w/[ws=uuid]/portraits/pareto/+page.server';
import * as customersPage from '../../../src/routes/(live)/s/[id=uuid]/customers/+page.server';
import * as sessionPortraitPage from '../../../src/routes/(live)/s/[id=uuid]/customers/portraits/[portraitId=uuid]/+page.server';
import * as sessionPhotoEndpoint from '../../../src/routes/(live)/s/[id=uuid]/customers/portraits/[portraitId=uuid]/photo/+server';
import {
	asUser,
	blankPortrait,
	blankPortraitOf,
	event,
	portraitWorld,
	post,
	type Requester,
	loaded
} from './world';
import { PNG } from '../../unit/portraits/images';

const fieldsForm = (revision: number, overrides: Record<string, string> = {}) =>
	post({
		name: 'Busy parent',
		kind: 'customer',
		segment: 'Families',
		relationshipClass: 'keep',
		valueShare: '38',
		revision: String(revision),
		...overrides
	});

/** A world with one portrait (by Alice) and the route helpers bound to it. */
async function setup() {
	const world = await portraitWorld();
	const portraitId = await blankPortrait(world);
	const ws = world.workspaceId;
	const base = `/w/${ws}/portraits`;
	const params = { ws, id: portraitId };
	const at = <E>(
		who: Requester,
		path = '',
		init?: RequestInit,
		extra: Record<string, string> = {}
	) => event<E>(who, `${base}/${portraitId}${path}`, { ...params, ...extra }, init);
	return { world, portraitId, ws, base, params, at };
}

describe('workspace portrait pages', () => {
	it('are refused to guests by the app layout, and to strangers by every load', async () => {
		const { world, at, ws, base } = await setup();
		const { sam } = world.people;
		expect(() => appLayout.load(event(world.guests.gina, base, { ws }))).toThrow(
			expect.objectContaining({ status: 403 })
		);
		await expect(listPage.load(event(sam, base, { ws }))).rejects.toMatchObject({ status: 403 });
		await expect(newPage.load(event(sam, `${base}/new`, { ws }))).rejects.toMatchObject({
			status: 403
		});
		await expect(portraitPage.load(at(sam))).rejects.toMatchObject({ status: 403 });
		await expect(printPage.load(at(sam, '/print'))).rejects.toMatchObject({ status: 403 });
		await expect(comparePage.load(event(sam, `${base}/compare`, { ws }))).rejects.toMatchObject({
			status: 403
		});
		await expect(paretoPage.load(event(sam, `${base}/pareto`, { ws }))).rejects.toMatchObject({
			status: 403
		});
	});

	it('let every role read; only editing roles get the new-portrait page and edit controls', async () => {
		const { world, at, ws, base, portraitId } = await setup();
		const { rita, alice } = world.people;
		expect(await listPage.load(event(rita, base, { ws }))).toMatchObject({
			mayCreate: false,
			total: 1
		});
		expect(await listPage.load(event(alice, base, { ws }))).toMatchObject({ mayCreate: true });
		await expect(newPage.load(event(rita, `${base}/new`, { ws }))).rejects.toMatchObject({
			status: 403
		});
		await expect(newPage.load(event(alice, `${base}/new`, { ws }))).resolves.toEqual({});
		expect(await portraitPage.load(at(rita))).toMatchObject({
			portrait: { id: portraitId },
			mayEdit: false,
			mayManage: false,
			mayLink: false
		});
		expect(await portraitPage.load(at(alice))).toMatchObject({
			mayEdit: true,
			mayManage: true,
			mayLink: false
		});
		expect(await portraitPage.load(at(world.people.cora))).toMatchObject({
			mayLink: true,
			sessions: expect.any(Array)
		});
		expect(await printPage.load(at(rita, '/print'))).toMatchObject({
			portrait: { id: portraitId },
			workspaceName: 'Test Workspace'
		});
		// An unknown portrait, or one of another workspace, is not found here.
		const elsewhere = await blankPortraitOf(world.people.sam, 'Elsewhere');
		await expect(
			portraitPage.load(at(rita, '', undefined, { id: elsewhere }))
		).rejects.toMatchObject({ status: 404 });
	});

	it('create a portrait only for editors; bad input comes back as field errors', async () => {
		const { world, ws, base } = await setup();
		const create = (who: Requester, values: Record<string, string>) =>
			newPage.actions.default(event(who, `${base}/new`, { ws }, post(values)));
		for (const who of [world.people.rita, world.people.sam, world.guests.gina])
			await expect(create(who, { start: 'blank', name: 'Nope' })).rejects.toMatchObject({
				status: 403
			});
		expect(await create(world.people.alice, { start: 'blank', name: '' })).toMatchObject({
			status: 400,
			data: { errors: { name: ['name_required'] } }
		});
		await expect(
			create(world.people.alice, { start: 'sample', language: 'bg' })
		).rejects.toMatchObject({
			status: 303,
			location: expect.stringMatching(new RegExp(`^${base}/[0-9a-f-]{36}$`))
		});
		const names = (await db.select().from(portraits).where(eq(portraits.workspaceId, ws))).map(
			(row) => row.name
		);
		expect(names).toContain(
			'Собственик на премиален автомобил: собственик на бизнес или топ мениджър'
		);
		expect(names).not.toContain('Nope');
	});

	it('save fields for editors, refuse readers and strangers, and report a stale form as a conflict', async () => {
		const { world, at } = await setup();
		const { rita, sam, alice, cora } = world.people;
		for (const who of [rita, sam, world.guests.otto])
			await expect(portraitPage.actions.update(at(who, '', fieldsForm(0)))).rejects.toMatchObject({
				status: 403
			});
		expect(await portraitPage.actions.update(at(alice, '', fieldsForm(0)))).toEqual({
			saved: true
		});
		const stale = await portraitPage.actions.update(
			at(cora, '', fieldsForm(0, { name: 'Overwritten?' }))
		);
		expect(stale).toMatchObject({ status: 409, data: { errors: { form: ['revision_conflict'] } } });
		// Nothing of the stale form is echoed: the page reloads with what Alice saved.
		expect(stale).not.toMatchObject({ data: { values: expect.anything() } });
		const invalid = await portraitPage.actions.update(
			at(cora, '', fieldsForm(1, { valueShare: '120' }))
		);
		expect(invalid).toMatchObject({
			status: 400,
			data: { errors: { valueShare: ['value_share_invalid'] }, values: { valueShare: '120' } }
		});
		expect(await portraitPage.load(at(rita))).toMatchObject({
			portrait: { name: 'Busy parent', relationshipClass: 'keep', valueShare: 38, revision: 1 }
		});
	});

	it('take photos from editors only, and serve them to readers', async () => {
		const { world, at } = await setup();
		const { rita, sam, alice } = world.people;
		const photo = () => post({ photo: new File([PNG], 'me.png', { type: 'image/png' }) });
		for (const who of [rita, sam, world.guests.otto]) {
			await expect(portraitPage.actions.photo(at(who, '', photo()))).rejects.toMatchObject({
				status: 403
			});
			await expect(
				portraitPage.actions.removePhoto(at(who, '', { method: 'POST' }))
			).rejects.toMatchObject({ status: 403 });
		}
		await expect(photoEndpoint.GET(at(rita, '/photo'))).rejects.toMatchObject({ status: 404 });
		expect(await portraitPage.actions.photo(at(alice, '', photo()))).toEqual({ photoSaved: true });
		const served = await photoEndpoint.GET(at(rita, '/photo'));
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('image/png');
		for (const who of [sam, world.guests.otto, world.guests.gina, null])
			await expect(photoEndpoint.GET(at(who, '/photo'))).rejects.toMatchObject({
				status: who ? 403 : 401
			});
	});

	it('link sessions for facilitators and admins only, to sessions of the same workspace', async () => {
		const { world, at } = await setup();
		const { rita, alice, cora, sam } = world.people;
		const form = (sessionId: string) => post({ sessionId });
		// Alice takes part in the session but does not facilitate it; Rita reads; Sam is a stranger.
		for (const who of [alice, rita, sam, world.guests.gina]) {
			await expect(
				portraitPage.actions.link(at(who, '', form(world.sessionId)))
			).rejects.toMatchObject({ status: 403 });
			await expect(
				portraitPage.actions.unlink(at(who, '', form(world.sessionId)))
			).rejects.toMatchObject({ status: 403 });
		}
		const foreign = await portraitWorld();
		expect(await portraitPage.actions.link(at(cora, '', form(foreign.sessionId)))).toMatchObject({
			status: 400,
			data: { errors: { sessionId: ['session_unknown'] } }
		});
		expect(await portraitPage.actions.link(at(cora, '', form('not-a-uuid')))).toMatchObject({
			status: 400
		});
		expect(await portraitPage.actions.link(at(cora, '', form(world.sessionId)))).toBeUndefined();
		expect(await portraitPage.actions.link(at(cora, '', form(world.sessionId)))).toBeUndefined();
		const linkedPage = loaded(await portraitPage.load(at(cora)));
		expect(linkedPage.sessions).toEqual([
			{ id: world.otherSessionId, title: 'Another workshop', linked: false },
			{ id: world.sessionId, title: 'Know the key customer', linked: true }
		]);
		expect(
			await portraitPage.actions.unlink(at(world.people.fay, '', form(world.sessionId)))
		).toBeUndefined();
		expect(
			(loaded(await portraitPage.load(at(cora))).sessions as SessionOption[]).every(
				(session) => !session.linked
			)
		).toBe(true);
	});

	it('delete for editors only, with the portrait’s maps and links', async () => {
		const { world, at, portraitId, base, ws } = await setup();
		const [map] = await db
			.insert(journeyMaps)
			.values({ workspaceId: ws, portraitId, title: 'Family journey' })
			.returning();
		expect(await portraitPage.load(at(world.people.rita))).toMatchObject({
			journeyMaps: [{ id: map.id, title: 'Family journey', locked: false }]
		});
		for (const who of [world.people.rita, world.people.sam, world.guests.gina])
			await expect(
				portraitPage.actions.delete(at(who, '', { method: 'POST' }))
			).rejects.toMatchObject({ status: 403 });
		await linkPortraitToSession(db, asUser(world.people.fay), ws, portraitId, world.sessionId);
		// A guest of a linked session edits the portrait, but may not delete it.
		await expect(
			portraitPage.actions.delete(at(world.guests.gina, '', { method: 'POST' }))
		).rejects.toMatchObject({ status: 403 });
		await expect(
			portraitPage.actions.delete(at(world.people.alice, '', { method: 'POST' }))
		).rejects.toMatchObject({
			status: 303,
			location: base
		});
		await expect(portraitPage.load(at(world.people.alice))).rejects.toMatchObject({ status: 404 });
		expect(await db.select().from(journeyMaps).where(eq(journeyMaps.id, map.id))).toEqual([]);
	});

	it('compare two or three portraits, and explain a bad choice on the page', async () => {
		const { world, ws, base, portraitId } = await setup();
		const second = await blankPortrait(world, 'Corporate client');
		const compare = (query: string) =>
			comparePage.load(event(world.people.rita, `${base}/compare?${query}`, { ws }));
		expect(await compare(`ids=${portraitId},${second}`)).toMatchObject({
			problem: null,
			compared: [{ portrait: { id: portraitId } }, { portrait: { id: second } }],
			all: expect.any(Array)
		});
		expect(await compare(`ids=${portraitId}`)).toMatchObject({
			problem: 'compare_count',
			compared: []
		});
		const pareto = await paretoPage.load(
			event(world.people.rita, `${base}/pareto?kind=internal`, { ws })
		);
		expect(pareto).toMatchObject({ kind: 'internal', pareto: { rows: [] } });
	});
});

describe('session Customers pages', () => {
	it('show a guest only the portraits and maps linked to their own session', async () => {
		const { world, portraitId, ws } = await setup();
		const unlinked = await blankPortrait(world, 'Not for guests');
		await linkPortraitToSession(db, asUser(world.people.cora), ws, portraitId, world.sessionId);
		const [linkedMap, privateMap] = await db
			.insert(journeyMaps)
			.values([
				{ workspaceId: ws, portraitId, title: 'Linked map' },
				{ workspaceId: ws, portraitId, title: 'Unlinked map' }
			])
			.returning();
		await db
			.insert(sessionJourneyMaps)
			.values({ sessionId: world.sessionId, journeyMapId: linkedMap.id });
		const list = (who: Requester, sessionId = world.sessionId) =>
			customersPage.load(event(who, `/s/${sessionId}/customers`, { id: sessionId }));
		const page = loaded(await list(world.guests.gina));
		expect((page.portraits as PortraitSummary[]).map((portrait) => portrait.id)).toEqual([
			portraitId
		]);
		expect(page.journeyMaps).toEqual([
			{
				id: linkedMap.id,
				title: 'Linked map',
				portraitId,
				portraitName: 'Busy parent with small children'
			}
		]);
		// Alice takes part in the session; she sees the same.
		expect(loaded(await list(world.people.alice)).portraits).toHaveLength(1);
		await expect(list(world.guests.otto)).rejects.toMatchObject({ status: 403 });
		await expect(list(world.people.sam)).rejects.toMatchObject({ status: 403 });
		await expect(list(world.people.rita)).rejects.toMatchObject({ status: 403 });

		const open = (who: Requester, id: string) =>
			sessionPortraitPage.load(
				event(who, `/s/${world.sessionId}/customers/portraits/${id}`, {
					id: world.sessionId,
					portraitId: id
				})
			);
		const opened = loaded(await open(world.guests.gina, portraitId));
		expect(opened).toMatchObject({
			portrait: { id: portraitId },
			mayEdit: true,
			editor: { id: world.guests.gina.participantId, name: 'Gina Guest' }
		});
		expect((opened.journeyMaps as PortraitJourneyMap[]).map((map) => map.id)).toEqual([
			linkedMap.id
		]);
		expect((opened.journeyMaps as PortraitJourneyMap[]).map((map) => map.id)).not.toContain(
			privateMap.id
		);
		await expect(open(world.guests.gina, unlinked)).rejects.toMatchObject({ status: 403 });
		await expect(open(world.people.alice, unlinked)).rejects.toMatchObject({ status: 404 });
		await expect(
			sessionPortraitPage.load(
				event(world.guests.otto, '/s/x', { id: world.otherSessionId, portraitId })
			)
		).rejects.toMatchObject({ status: 403 });
	});

	it('let a guest of a linked session save the fields and read the photo, until the link is gone', async () => {
		const { world, portraitId, ws, at } = await setup();
		await linkPortraitToSession(db, asUser(world.people.cora), ws, portraitId, world.sessionId);
		await portraitPage.actions.photo(
			at(world.people.alice, '', post({ photo: new File([PNG], 'a.png') }))
		);
		const path = `/s/${world.sessionId}/customers/portraits/${portraitId}`;
		const params = { id: world.sessionId, portraitId };
		const update = (who: Requester, revision: number, sessionId = world.sessionId) =>
			sessionPortraitPage.actions.update(
				event(
					who,
					path,
					{ id: sessionId, portraitId },
					fieldsForm(revision, { name: 'Named by Gina' })
				)
			);
		expect(await update(world.guests.gina, 0)).toEqual({ saved: true });
		await expect(update(world.guests.otto, 1, world.otherSessionId)).rejects.toMatchObject({
			status: 403
		});
		await expect(update(world.guests.otto, 1)).rejects.toMatchObject({ status: 403 });
		const photo = await sessionPhotoEndpoint.GET(event(world.guests.gina, `${path}/photo`, params));
		expect(photo.headers.get('content-type')).toBe('image/png');
		await expect(
			sessionPhotoEndpoint.GET(
				event(world.guests.otto, `${path}/photo`, { id: world.otherSessionId, portraitId })
			)
		).rejects.toMatchObject({ status: 403 });
		// A guest may also reach the workspace action and endpoint of a linked portrait; the rule is the same.
		expect((await photoEndpoint.GET(at(world.guests.gina, '/photo'))).status).toBe(200);

		await portraitPage.actions.unlink(
			at(world.people.cora, '', post({ sessionId: world.sessionId }))
		);
		await expect(update(world.guests.gina, 1)).rejects.toMatchObject({ status: 403 });
		await expect(
			sessionPhotoEndpoint.GET(event(world.guests.gina, `${path}/photo`, params))
		).rejects.toMatchObject({ status: 403 });
		await expect(photoEndpoint.GET(at(world.guests.gina, '/photo'))).rejects.toMatchObject({
			status: 403
		});
		const [row] = await db.select().from(portraits).where(eq(portraits.id, portraitId));
		expect(row).toMatchObject({ name: 'Named by Gina', revision: 1 });
	});
});
