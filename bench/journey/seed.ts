// Seeds the journey benchmark through the real services where they exist (accounts, portrait,
// maps) and in bulk where the register only reads (2,000 touchpoints): one big map of 12 stages ×
// 10 lanes with 300 cards, and 19 more maps that place the touchpoints, so the register derives
// stages, portraits and experience from 20 stored documents. Prints one JSON line.
// Run with DATABASE_URL or DATA_DIR set: `node --import tsx bench/journey/seed.ts`.
import * as Y from 'yjs';
import { closeDatabase, db, migrateDatabase } from '../../src/lib/server/db';
import { touchpoints } from '../../src/lib/server/db/schema';
import { signUpWithWorkspace } from '../../src/lib/server/auth/accounts';
import { createSession as createAuthSession } from '../../src/lib/server/auth/session';
import { createPortrait } from '../../src/lib/server/portraits/portraits';
import { createMap } from '../../src/lib/server/journeys/maps';
import { journeyRoomName } from '../../src/lib/server/journeys/rooms';
import { appendUpdates, loadStoredDocument } from '../../src/lib/server/sync/storage';
import { createInvite, signUpWithInvite } from '../../src/lib/server/workspaces/invites';
import {
	addLane,
	addStage,
	addTextCard,
	addTouchpointCard,
	experienceLevels,
	readMap,
	setEmotion,
	setExperience
} from '../../src/lib/journeys/doc';

const PASSWORD = 'bench journey password';
const STAGES = 12;
const FREE_LANES = 2;
const TEXT_CARDS = 240;
const TOUCHPOINT_CARDS = 60;
const TOUCHPOINTS = 2_000;
const PLACING_MAPS = 19;
const CHANNELS = ['website', 'phone', 'chat', 'office', 'email', 'mobile app', 'delivery', 'ads'];
const KINDS = {
	business: [
		'website',
		'office',
		'signage',
		'documents',
		'company cars',
		'packaging',
		'delivery',
		'ads',
		'chat',
		'phone'
	],
	employee: ['appearance', 'smile', 'uniform', 'speech scripts', 'tone of voice']
} as const;
const PHRASES = [
	'Compares three clinics online before calling',
	'Expects a call back the same day',
	'Waits at the front desk longer than promised',
	'Reads reviews from other parents',
	'Wants the price stated before the visit',
	'Gets a reminder the day before',
	'Parking is hard to find',
	'Doctor explains the plan in plain words'
];

/** Changes a map's stored document with `change` and appends the difference to its log. */
async function changeStoredMap(
	map: { id: string; workspaceId: string },
	change: (doc: Y.Doc) => void
) {
	const room = journeyRoomName(map);
	const stored = await loadStoredDocument(db, room);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	const before = Y.encodeStateVector(doc);
	doc.transact(() => change(doc));
	await appendUpdates(db, [{ docName: room, update: Y.encodeStateAsUpdate(doc, before) }]);
	doc.destroy();
}

await migrateDatabase();
const admin = await signUpWithWorkspace(db, {
	name: 'Elena Owner',
	email: `owner-${Date.now()}@bench.test`,
	password: PASSWORD,
	language: 'en',
	workspaceName: 'Northwind Clinics'
});
const invite = await createInvite(db, admin.userId, admin.workspaceId, {
	role: 'member',
	departmentId: null,
	label: null,
	days: 7
});
const editor = await signUpWithInvite(db, invite.token, {
	name: 'Remote Editor',
	email: `editor-${Date.now()}@bench.test`,
	password: PASSWORD,
	language: 'en'
});
const owners = [admin.userId, editor.userId];

const portraitId = await createPortrait(
	db,
	{ kind: 'user', userId: admin.userId },
	admin.workspaceId,
	{
		start: 'blank',
		name: 'Parents of young patients',
		kind: 'customer',
		language: 'en'
	}
);

// 2,000 touchpoints: every third without an owner, every second without a rule.
const rows = Array.from({ length: TOUCHPOINTS }, (_, i) => {
	const type = i % 4 === 0 ? ('employee' as const) : ('business' as const);
	const kinds = KINDS[type];
	return {
		workspaceId: admin.workspaceId,
		name: `Touchpoint ${String(i + 1).padStart(4, '0')} ${kinds[i % kinds.length]}`,
		type,
		kind: kinds[i % kinds.length],
		channel: CHANNELS[i % CHANNELS.length],
		ownerId: i % 3 === 0 ? null : owners[i % owners.length],
		ruleHtml: i % 2 === 0 ? '' : `<p>Standard ${i + 1}: answer within one working day.</p>`,
		createdBy: admin.userId
	};
});
const touchpointIds: string[] = [];
for (let i = 0; i < rows.length; i += 500) {
	const inserted = await db
		.insert(touchpoints)
		.values(rows.slice(i, i + 500))
		.returning({ id: touchpoints.id });
	touchpointIds.push(...inserted.map((row) => row.id));
}

// The map under test: 12 stages, 10 lanes, 300 cards, experience and emotion in every stage.
const mapId = await createMap(
	db,
	admin.userId,
	admin.workspaceId,
	{ portraitId, title: 'Booking a first visit' },
	'en'
);
const bigMap = { id: mapId, workspaceId: admin.workspaceId };
const editedCardIds: string[] = [];
await changeStoredMap(bigMap, (doc) => {
	for (let s = readMap(doc).stages.length; s < STAGES; s++) addStage(doc, `Stage ${s + 1}`);
	for (let l = 0; l < FREE_LANES; l++) addLane(doc, `Notes ${l + 1}`);
	const { stages, lanes } = readMap(doc);
	const textLanes = lanes.filter(
		(lane) => !['touchpoints', 'experience', 'emotion'].includes(lane.kind)
	);
	const touchpointLane = lanes.find((lane) => lane.kind === 'touchpoints');
	if (!touchpointLane) throw new Error('the default map has no touchpoints lane');
	for (let c = 0; c < TEXT_CARDS; c++) {
		const lane = textLanes[c % textLanes.length];
		const stage = stages[Math.floor(c / textLanes.length) % stages.length];
		const id = addTextCard(doc, lane.id, stage.id, PHRASES[c % PHRASES.length]);
		if (!id) throw new Error('a text card did not fit');
		// The other client edits the first card of the first text lane in the first three stages:
		// cards on the viewer's screen when the map opens (the map draws what is on screen first).
		if (c % textLanes.length === 0 && Math.floor(c / textLanes.length) < 3) editedCardIds.push(id);
	}
	for (let c = 0; c < TOUCHPOINT_CARDS; c++)
		addTouchpointCard(doc, touchpointLane.id, stages[c % stages.length].id, touchpointIds[c]);
	const experienceLane = lanes.find((lane) => lane.kind === 'experience');
	const emotionLane = lanes.find((lane) => lane.kind === 'emotion');
	stages.forEach((stage, s) => {
		if (experienceLane)
			setExperience(
				doc,
				experienceLane.id,
				stage.id,
				experienceLevels[s % experienceLevels.length]
			);
		if (emotionLane) setEmotion(doc, emotionLane.id, stage.id, (s % 5) - 2);
	});
});
const bigState = await (async () => {
	const stored = await loadStoredDocument(db, journeyRoomName(bigMap));
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return readMap(doc);
})();

// The other maps place the remaining touchpoints, about a hundred each.
for (let m = 0; m < PLACING_MAPS; m++) {
	const id = await createMap(
		db,
		admin.userId,
		admin.workspaceId,
		{ portraitId, title: `Journey ${m + 2}` },
		'en'
	);
	const placed = touchpointIds.slice(TOUCHPOINT_CARDS + m * 103, TOUCHPOINT_CARDS + (m + 1) * 103);
	await changeStoredMap({ id, workspaceId: admin.workspaceId }, (doc) => {
		const { stages, lanes } = readMap(doc);
		const lane = lanes.find((l) => l.kind === 'touchpoints');
		const experienceLane = lanes.find((l) => l.kind === 'experience');
		if (!lane || !experienceLane) throw new Error('the default map lacks its built-in lanes');
		placed.forEach((touchpointId, i) =>
			addTouchpointCard(doc, lane.id, stages[i % stages.length].id, touchpointId)
		);
		stages.forEach((stage, s) =>
			setExperience(
				doc,
				experienceLane.id,
				stage.id,
				experienceLevels[(s + m) % experienceLevels.length]
			)
		);
	});
}

const viewer = await createAuthSession(db, admin.userId);
const remote = await createAuthSession(db, editor.userId);
console.log(
	JSON.stringify({
		workspaceId: admin.workspaceId,
		mapId,
		room: journeyRoomName(bigMap),
		stages: bigState.stages.length,
		lanes: bigState.lanes.length,
		cards: bigState.cards.length,
		touchpoints: touchpointIds.length,
		editedCardIds,
		viewerToken: viewer.token,
		editorToken: remote.token
	})
);
await closeDatabase();
