// Our sync server for the benchmark: the real createSyncServer (sessions, memberships, Postgres
// persistence), a `bench` room kind writable by members, limits from BENCH_SYNC_OVERRIDES, and
// GET /stats. Env: PORT, DATABASE_URL, BENCH_SYNC_OVERRIDES (JSON); with REDIS_URL (and
// REDIS_PREFIX) it shares its rooms with the other instances over Redis, as the app does.
import { createServer } from 'node:http';
import { appSyncHooks } from '../../../src/lib/server/app';
import { migrateDatabase } from '../../../src/lib/server/db';
import {
	createSyncServer,
	RoomKindRegistry,
	type SyncConfigOverrides
} from '../../../src/lib/server/sync';
import { readScaleConfig, startScale } from '../../../src/lib/server/scale';

await migrateDatabase();
const kinds = new RoomKindRegistry();
kinds.register('bench', { authorize: () => 'write' });
const overrides: SyncConfigOverrides = JSON.parse(
	process.env.BENCH_SYNC_OVERRIDES ?? '{}'
) as SyncConfigOverrides;
const scaleConfig = readScaleConfig();
const scale = scaleConfig ? await startScale(scaleConfig) : null;
const { findMembership, compactDocument } = appSyncHooks.hooks;
const sync = createSyncServer({
	...overrides,
	// Members are looked up as the app looks them up; instances compact under the app's lock.
	hooks: { findMembership, ...(scale ? { compactDocument } : {}), ...overrides.hooks },
	kinds,
	relay: scale?.relay ?? null,
	origin: undefined,
	log: {
		warn: (message) => console.warn(message),
		error: (message, error) => console.error(message, error)
	}
});
const http = createServer((request, response) => {
	if (request.url !== '/stats') return void response.writeHead(404).end();
	response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(sync.stats()));
});
http.on('upgrade', (request, socket, head) => void sync.handleUpgrade(request, socket, head));
http.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
process.once('SIGTERM', () => {
	void sync
		.close()
		.then(() => scale?.close())
		.then(() => process.exit(0));
});
