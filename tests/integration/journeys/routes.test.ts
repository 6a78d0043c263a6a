// Every journey map page, action and download, called the way SvelteKit calls them (a layout's
// check covers none of these): each checks the role itself, refuses guests outside their session,
// answers bad input with a translated error and changes nothing; the downloads are well formed.
import { Resvg } from '@resvg/resvg-js';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addTextCard,
	addTouchpointCard,
	laneOfKind,
	readMap,
	setEmotion,
	setExperience
} from '$lib/journeys/doc';
import { MAP_TITLE_MAX } from '$lib/journeys/model';
import { db } from '$lib/server/db';
import { journeyMaps, ydocUpdates } from '$lib/server/db/schema';
import { loadMapState, loadMapUpdate } from '$lib/server/journeys/documents';
import { journeyRoomName } from '$lib/server/journeys/rooms';
import { appendUpdates, documentIdOf } from '$lib/server/sync/storage';
import { linkMapToSession, setMapLocked } from '$lib/server/journeys/maps';
import { createTouchpoint } from '$lib/server/touchpoints/touchpoints';
import * as listPage from '../../../src/routes/(app)/w/[ws=uuid]/journeys/+page.server';
import * as mapPage from '../../../src/routes/(app)/w/[ws=uuid]/journeys/[map=uuid]/+page.server';
import * as svgFile from '../../../src/routes/(app)/w/[ws=uuid]/journeys/[map=uuid]/map.svg/+server';
import * as pngFile from '../../../src/routes/(app)/w/[ws=uuid]/journeys/[map=uuid]/map.png/+server';
import * as csvFile from '../../../src/routes/(app)/w/[ws=uuid]/journeys/[map=uuid]/map.csv/+server';
import * as guestPage from '../../../src/routes/(live)/s/[id=uuid]/journeys/[map=uuid]/+page.server';
import * as guestTouchpoints from '../../../src/routes/(live)/s/[id=uuid]/journeys/[map=uuid]/touchpoints/+server';
import {
	eventOf,
	formPost,
	journeyWorld,
	jsonRequest,
	loaded,
	localsOf,
	type JourneyWorld
} from './world';
import { parseCsv } from '../../utils/csv';

type ListLoad = Parameters<typeof listPage.load>[0];
type ListAction = Parameters<typeof listPage.actions.create>[0];
type MapLoad = Parameters<typeof mapPage.load>[0];
type MapAction = Parameters<typeof mapPage.actions.rename>[0];
type GuestLoad = Parameters<typeof guestPage.load>[0];
type GuestEndpoint = Parameters<typeof guestTouchpoints.GET>[0];

function who(world: JourneyWorld) {
	const { admin, facilitator, anna, reader, stranger } = world.accounts;
	return {
		admin: localsOf(admin),
		facilitator: localsOf(facilitator),
		anna: localsOf(anna),
		reader: localsOf(reader),
		stranger: localsOf(stranger),
		gina: localsOf(world.actors.gina),
		nobody: { user: null, sessionToken: null, guest: null } satisfies App.Locals
	};
}

const mapUrl = (world: JourneyWorld) => `/w/${world.workspaceId}/journeys/${world.mapId}`;
const mapParams = (world: JourneyWorld) => ({ ws: world.workspaceId, map: world.mapId });

async function mapRow(id: string) {
	const [row] = await db.select().from(journeyMaps).where(eq(journeyMaps.id, id));
	return row;
}

describe('the journey map pages', () => {
	it('are read by every member, and refused to strangers and guests', async () => {
		const world = await journeyWorld();
		const as = who(world);
		const list = await listPage.load(
			eventOf<ListLoad>(as.reader, `/w/${world.workspaceId}/journeys`, { ws: world.workspaceId })
		);
		expect(list).toMatchObject({
			canCreate: false,
			maps: [{ id: world.mapId, portraitName: 'Busy parent' }]
		});
		const page = await mapPage.load(eventOf<MapLoad>(as.reader, mapUrl(world), mapParams(world)));
		expect(page).toMatchObject({
			access: { canEdit: false },
			roomName: journeyRoomName(world.map),
			linkable: []
		});
		const facilitating = await loaded(
			mapPage.load(eventOf<MapLoad>(as.facilitator, mapUrl(world), mapParams(world)))
		);
		expect((facilitating.linkable as { title: string }[]).map((s) => s.title).sort()).toEqual([
			'Another workshop',
			'Journey workshop'
		]);
		for (const locals of [as.stranger, as.gina])
			await expect(
				mapPage.load(eventOf<MapLoad>(locals, mapUrl(world), mapParams(world)))
			).rejects.toMatchObject({ status: 403 });
		await expect(
			mapPage.load(eventOf<MapLoad>(as.nobody, mapUrl(world), mapParams(world)))
		).rejects.toMatchObject({ status: 401 });
		await expect(
			listPage.load(
				eventOf<ListLoad>(as.gina, `/w/${world.workspaceId}/journeys`, { ws: world.workspaceId })
			)
		).rejects.toMatchObject({ status: 403 });
	});

	it('create a map from a portrait for editors, and refuse bad input and readers, creating nothing', async () => {
		const world = await journeyWorld();
		const as = who(world);
		const url = `/w/${world.workspaceId}/journeys?/create`;
		const params = { ws: world.workspaceId };
		const post = (locals: App.Locals, fields: Record<string, string>) =>
			listPage.actions.create(eventOf<ListAction>(locals, url, params, formPost(fields)));
		const count = async () =>
			(await db.select().from(journeyMaps).where(eq(journeyMaps.workspaceId, world.workspaceId)))
				.length;
		expect(
			await post(as.anna, { title: 'x'.repeat(MAP_TITLE_MAX + 1), portraitId: world.portraitId })
		).toMatchObject({
			status: 400,
			data: { errors: { title: ['text_too_long'] } }
		});
		expect(await post(as.anna, { title: '  ', portraitId: world.portraitId })).toMatchObject({
			status: 400,
			data: { errors: { title: ['name_required'] } }
		});
		expect(await post(as.anna, { title: 'Map', portraitId: 'not-a-uuid' })).toMatchObject({
			status: 400,
			data: { errors: { portraitId: ['portrait_unknown'] } }
		});
		expect(await post(as.anna, { title: 'Map', portraitId: world.mapId })).toMatchObject({
			status: 400,
			data: { errors: { portraitId: ['portrait_unknown'] } }
		});
		await expect(
			post(as.reader, { title: 'Map', portraitId: world.portraitId })
		).rejects.toMatchObject({ status: 403 });
		await expect(
			post(as.gina, { title: 'Map', portraitId: world.portraitId })
		).rejects.toMatchObject({ status: 403 });
		expect(await count()).toBe(1);
		await expect(
			Promise.resolve(post(as.anna, { title: 'Second map', portraitId: world.portraitId }))
		).rejects.toMatchObject({
			status: 303,
			location: expect.stringMatching(
				new RegExp(`^/w/${world.workspaceId}/journeys/[0-9a-f-]{36}$`)
			)
		});
		expect(await count()).toBe(2);
	});

	it('rename, lock, link and delete only as each role may; a locked map refuses renaming', async () => {
		const world = await journeyWorld();
		const as = who(world);
		const act = (
			name: keyof typeof mapPage.actions,
			locals: App.Locals,
			fields: Record<string, string> = {}
		) =>
			mapPage.actions[name](
				eventOf<MapAction>(locals, `${mapUrl(world)}?/${name}`, mapParams(world), formPost(fields))
			);
		await expect(act('rename', as.reader, { title: 'Reader title' })).rejects.toMatchObject({
			status: 403
		});
		await expect(act('rename', as.gina, { title: 'Guest title' })).rejects.toMatchObject({
			status: 403
		});
		expect(await act('rename', as.anna, { title: 'x'.repeat(MAP_TITLE_MAX + 1) })).toMatchObject({
			status: 400
		});
		expect(await act('rename', as.anna, { title: 'Parents' })).toEqual({ renamed: true });
		await expect(act('lock', as.anna, { locked: 'true' })).rejects.toMatchObject({ status: 403 });
		expect(await act('lock', as.facilitator, { locked: 'maybe' })).toMatchObject({ status: 400 });
		expect(await act('lock', as.facilitator, { locked: 'true' })).toEqual({ locked: true });
		expect(await act('rename', as.anna, { title: 'While locked' })).toMatchObject({
			status: 423,
			data: { errors: { form: ['map_locked'] } }
		});
		expect(await act('delete', as.anna)).toMatchObject({ status: 423 });
		expect(await mapRow(world.mapId)).toMatchObject({ title: 'Parents', locked: true });
		await expect(act('link', as.anna, { sessionId: world.sessionId })).rejects.toMatchObject({
			status: 403
		});
		expect(
			await act('link', as.admin, { sessionId: world.accounts.stranger.workspaceId })
		).toMatchObject({ status: 400, data: { errors: { sessionId: ['session_unknown'] } } });
		expect(await act('link', as.admin, { sessionId: world.sessionId })).toEqual({
			linked: world.sessionId
		});
		await expect(act('unlink', as.anna, { sessionId: world.sessionId })).rejects.toMatchObject({
			status: 403
		});
		expect(await act('lock', as.admin, { locked: 'false' })).toEqual({ locked: false });
		await expect(act('delete', as.reader)).rejects.toMatchObject({ status: 403 });
		await expect(act('delete', as.anna)).rejects.toMatchObject({
			status: 303,
			location: `/w/${world.workspaceId}/journeys`
		});
		expect(await mapRow(world.mapId)).toBeUndefined();
	});
});

describe('a map opened from a session', () => {
	it('is open to the session’s guests once linked, who create touchpoints on it unless it is locked', async () => {
		const world = await journeyWorld();
		const as = who(world);
		const url = `/s/${world.sessionId}/journeys/${world.mapId}`;
		const params = { id: world.sessionId, map: world.mapId };
		const oscar = localsOf(world.actors.oscar);
		await expect(guestPage.load(eventOf<GuestLoad>(as.gina, url, params))).rejects.toMatchObject({
			status: 404
		});
		await linkMapToSession(
			db,
			world.accounts.admin.userId,
			world.workspaceId,
			world.mapId,
			world.sessionId
		);
		const page = await guestPage.load(eventOf<GuestLoad>(as.gina, url, params));
		expect(page).toMatchObject({
			access: { canEdit: true, canEditTouchpoints: false },
			touchpoints: []
		});
		await expect(guestPage.load(eventOf<GuestLoad>(oscar, url, params))).rejects.toMatchObject({
			status: 403
		});

		const create = (locals: App.Locals, body: unknown) =>
			guestTouchpoints.POST(
				eventOf<GuestEndpoint>(locals, `${url}/touchpoints`, params, jsonRequest('POST', body))
			);
		const created = await create(as.gina, { name: 'Waiting room', type: 'business' });
		expect(created.status).toBe(200);
		const { touchpoint } = (await created.json()) as {
			touchpoint: { id: string; ownerId: string | null };
		};
		expect(touchpoint.ownerId).toBeNull();
		expect((await create(as.gina, { name: 'x'.repeat(500), type: 'business' })).status).toBe(400);
		expect((await create(oscar, { name: 'Sneaky', type: 'business' })).status).toBe(403);
		await setMapLocked(db, world.accounts.admin.userId, world.workspaceId, world.mapId, true);
		const locked = await create(as.gina, { name: 'While locked', type: 'business' });
		expect(locked.status).toBe(423);
		expect(await locked.json()).toMatchObject({ error: 'map_locked' });
		// A reader who is not in the session gets no further than the session.
		expect((await create(as.reader, { name: 'Reader', type: 'business' })).status).toBe(403);

		// The guest sees the touchpoints the map places, nothing else of the workspace.
		await createTouchpoint(db, world.accounts.anna.userId, world.workspaceId, {
			name: 'Not on the map',
			type: 'business',
			kind: '',
			channel: ''
		});
		const listed = await guestTouchpoints.GET(
			eventOf<GuestEndpoint>(as.gina, `${url}/touchpoints`, params)
		);
		expect(await listed.json()).toEqual({ touchpoints: [] });
	});
});

/** Writes a small map into the stored document the way a client's edits end up there. */
async function fillMap(world: JourneyWorld) {
	const website = await createTouchpoint(db, world.accounts.anna.userId, world.workspaceId, {
		name: 'Website & <booking>',
		type: 'business',
		kind: 'website',
		channel: 'web',
		ownerId: world.accounts.maria.userId
	});
	const [log] = await db
		.select()
		.from(ydocUpdates)
		.where(eq(ydocUpdates.docId, await documentIdOf(db, journeyRoomName(world.map))));
	const doc = new Y.Doc();
	Y.applyUpdate(doc, log.update);
	const before = Y.encodeStateVector(doc);
	const state = readMap(doc);
	const lane = (kind: 'touchpoints' | 'pain' | 'experience' | 'emotion') =>
		laneOfKind(state, kind)?.id ?? '';
	addTouchpointCard(doc, lane('touchpoints'), state.stages[0].id, website.id);
	addTextCard(
		doc,
		lane('pain'),
		state.stages[1].id,
		'=HYPERLINK("x") and "quotes", commas\nand a\u0001 control character'
	);
	setExperience(doc, lane('experience'), state.stages[0].id, 'below', 1);
	setEmotion(doc, lane('emotion'), state.stages[0].id, -2);
	setEmotion(doc, lane('emotion'), state.stages[2].id, 2);
	await db.insert(ydocUpdates).values({
		docId: await documentIdOf(db, journeyRoomName(world.map)),
		update: Y.encodeStateAsUpdate(doc, before)
	});
	return { state, website };
}

describe('map downloads', () => {
	it('are a valid SVG, a PNG and a CSV of stages × lanes, for members only', async () => {
		const world = await journeyWorld();
		const as = who(world);
		const { state } = await fillMap(world);
		const get = <E>(handler: (event: E) => Response | Promise<Response>, locals: App.Locals) =>
			handler(eventOf<E>(locals, mapUrl(world), mapParams(world)));

		const svgResponse = await get(svgFile.GET, as.reader);
		expect(svgResponse.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
		expect(svgResponse.headers.get('content-disposition')).toContain(
			'attachment; filename="Parent-journey.svg"'
		);
		const svg = await svgResponse.text();
		expect(svg.startsWith('<?xml')).toBe(true);
		expect(svg).toContain('Website &amp; &lt;booking&gt;');
		expect(svg).not.toContain('\u0001');
		expect(svg).toContain('<polyline');
		// resvg parses XML strictly: a malformed document throws here.
		const rendered = new Resvg(svg).render();
		expect(rendered.width).toBeGreaterThan(800);

		const pngResponse = await get(pngFile.GET, as.anna);
		expect(pngResponse.headers.get('content-type')).toBe('image/png');
		const png = new Uint8Array(await pngResponse.arrayBuffer());
		expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

		const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
			await (await get(csvFile.GET, as.anna)).arrayBuffer()
		);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const rows = parseCsv(csv.slice(1));
		expect(rows[0]).toEqual(['Lane', ...state.stages.map((stage) => stage.name)]);
		expect(rows).toHaveLength(1 + state.lanes.length);
		expect(rows.every((row) => row.length === 1 + state.stages.length)).toBe(true);
		const byLane = new Map(rows.map((row) => [row[0], row.slice(1)]));
		expect(byLane.get('Touchpoints')?.[0]).toBe('Website & <booking> (Maria Member; No rule)');
		expect(byLane.get('Pain points')?.[1]).toBe(
			'\'=HYPERLINK("x") and "quotes", commas\nand a\u0001 control character'
		);
		expect(byLane.get('Experience level')?.[0]).toBe('Below expectations');
		expect(byLane.get('Emotion (−2…+2)')).toEqual(['-2', '', '2', '', '', '']);

		for (const locals of [as.stranger, as.gina]) {
			await expect(get(svgFile.GET, locals)).rejects.toMatchObject({ status: 403 });
			await expect(get(pngFile.GET, locals)).rejects.toMatchObject({ status: 403 });
			await expect(get(csvFile.GET, locals)).rejects.toMatchObject({ status: 403 });
		}
	});
});

describe('the map page load', () => {
	it('carries the stored document and only the touchpoints the map places', async () => {
		const world = await journeyWorld();
		const { anna } = world.accounts;
		const create = (name: string) =>
			createTouchpoint(db, anna.userId, world.workspaceId, {
				name,
				type: 'business',
				kind: '',
				channel: ''
			});
		const placed = await create('Reception desk');
		await create('Company cars');
		const doc = new Y.Doc();
		Y.applyUpdate(doc, await loadMapUpdate(db, world.map));
		const before = Y.encodeStateVector(doc);
		const state = readMap(doc);
		addTouchpointCard(
			doc,
			laneOfKind(state, 'touchpoints')?.id ?? '',
			state.stages[0].id,
			placed.id
		);
		await appendUpdates(db, [
			{ docName: journeyRoomName(world.map), update: Y.encodeStateAsUpdate(doc, before) }
		]);
		doc.destroy();

		const page = await loaded(
			mapPage.load(eventOf<MapLoad>(who(world).reader, mapUrl(world), mapParams(world)))
		);
		expect((page.touchpoints as { id: string }[]).map((t) => t.id)).toEqual([placed.id]);
		const shown = new Y.Doc();
		Y.applyUpdate(shown, Buffer.from(page.initialUpdate as string, 'base64'));
		expect(readMap(shown)).toEqual(await loadMapState(db, world.map));
		shown.destroy();
	});
});
