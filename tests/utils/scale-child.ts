// One of several app instances sharing rooms over Redis, for the many-instances tests: started with
// `node --import tsx tests/utils/scale-child.ts` and PORT, SEED_FILE, REDIS_URL, REDIS_PREFIX and
// DATABASE_URL in the environment. The first one creates an admin and a member and writes their
// tokens to SEED_FILE (start the instances one after another). Besides /sync it serves the two
// ports as domain code uses them, over HTTP: POST /reauthorize-user/<id>, POST
// /change-open/<prefix>/<key>, POST /publish/<session>/<topic>, GET /events/<session>/<participant>
// (server-sent events, marks the participant present) and GET /present/<session>.
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { appSyncHooks } from '$lib/server/app';
import { closeDatabase, db, migrateDatabase } from '$lib/server/db';
import { readScaleConfig, startScale, withAdvisoryLock } from '$lib/server/scale';
import { createSyncServer, defaultConfiguration } from '$lib/server/sync';
import type { SessionTopic } from '$lib/sessions/types';
import { createAdmin, createMember } from './factories';
import { listen, serveSync, testRoomKinds } from './sync-server';

/** What SEED_FILE holds. */
export type ScaleSeed = {
	workspaceId: string;
	adminToken: string;
	memberToken: string;
	memberUserId: string;
};

const port = Number(process.env.PORT);
const seedFile = process.env.SEED_FILE;
const scaleConfig = readScaleConfig();
if (!port || !seedFile || !scaleConfig)
	throw new Error('PORT, SEED_FILE and REDIS_URL are required');

await migrateDatabase();
if (!existsSync(seedFile)) {
	const admin = await createAdmin();
	const member = await createMember(admin);
	const seed: ScaleSeed = {
		workspaceId: admin.workspaceId,
		adminToken: admin.token,
		memberToken: member.token,
		memberUserId: member.userId
	};
	writeFileSync(seedFile, JSON.stringify(seed));
}

const scale = await startScale(scaleConfig);
const sync = createSyncServer({
	kinds: testRoomKinds(),
	origin: undefined,
	relay: scale.relay,
	hooks: {
		findMembership: appSyncHooks.hooks.findMembership,
		compactDocument: (input) =>
			withAdvisoryLock(input.db, `compact:${input.roomName}`, () =>
				defaultConfiguration.hooks.compactDocument(input)
			)
	},
	compaction: { afterUpdates: 40 }
});
const rooms = scale.rooms(sync, db);
const { events } = scale;

const http = createServer((request, response) => {
	const [, action, ...rest] = (request.url ?? '').split('/').map(decodeURIComponent);
	const json = (value: unknown) =>
		response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
	const fail = (error: unknown) => response.writeHead(500).end(String(error));
	if (request.method === 'POST' && action === 'reauthorize-user') {
		rooms.reauthorizeUser(rest[0]).then(json, fail);
	} else if (request.method === 'POST' && action === 'change-open') {
		const [prefix, key] = rest;
		rooms
			.changeOpenRooms(prefix, (doc) => {
				const notices = doc.getMap<number>('notices');
				notices.set(key, (notices.get(key) ?? 0) + 1);
			})
			.then(json, fail);
	} else if (request.method === 'POST' && action === 'publish') {
		events.publish(rest[0], rest[1] as SessionTopic);
		json(true);
	} else if (action === 'present') {
		events.presentParticipants(rest[0]).then((present) => json([...present]), fail);
	} else if (action === 'events') {
		const [sessionId, participantId] = rest;
		response.writeHead(200, { 'content-type': 'text/event-stream' });
		response.write(': open\n\n');
		const unsubscribe = events.subscribe(sessionId, (topic) =>
			response.write(`event: change\ndata: ${JSON.stringify({ topic })}\n\n`)
		);
		const release = events.trackPresence(sessionId, participantId);
		request.on('close', () => {
			unsubscribe();
			release();
		});
	} else response.writeHead(404).end();
});
serveSync(http, sync);
await listen(http, port);
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
	http.close();
	http.closeAllConnections();
	void sync
		.close()
		.then(() => scale.close())
		.then(() => closeDatabase())
		.then(
			() => process.exit(0),
			() => process.exit(1)
		);
});
