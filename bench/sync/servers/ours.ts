// Our sync server for the benchmark: the real createSyncServer (sessions, memberships, Postgres
// persistence), a `bench` room kind writable by members, limits from BENCH_SYNC_OVERRIDES, and
// GET /stats. Env: PORT, DATABASE_URL, BENCH_SYNC_OVERRIDES (JSON).
import { createServer } from 'node:http';
import { appSyncHooks } from '../../../src/lib/server/app';
import { migrateDatabase } from '../../../src/lib/server/db';
import {
	createSyncServer,
	RoomKindRegistry,
	type SyncConfigOverrides
} from '../../../src/lib/server/sync';

await migrateDatabase();
const kinds = new RoomKindRegistry();
kinds.register('bench', { authorize: () => 'write' });
const overrides: SyncConfigOverrides = JSON.parse(
	process.env.BENCH_SYNC_OVERRIDES ?? '{}'
) as SyncConfigOverrides;
const sync = createSyncServer({
	...overrides,
	// Members are looked up as the app looks them up.
	hooks: { findMembership: appSyncHooks.hooks.findMembership, ...overrides.hooks },
	kinds,
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
process.once('SIGTERM', () => void sync.close().then(() => process.exit(0)));
