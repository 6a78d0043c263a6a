// A sync server in a process of its own, for restart tests: started with
// `node --import tsx tests/utils/sync-child.ts` and PORT, SEED_FILE and DATABASE_URL or DATA_DIR
// in the environment. On first start it creates an admin and a member and writes their tokens to
// SEED_FILE; it prints "ready" once listening; on SIGTERM it shuts down gracefully.
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { appSyncHooks } from '$lib/server/app';
import { closeDatabase, migrateDatabase } from '$lib/server/db';
import { createSyncServer } from '$lib/server/sync';
import { createAdmin, createMember } from './factories';
import { listen, serveSync, testRoomKinds } from './sync-server';

/** What SEED_FILE holds. */
export type ChildSeed = { workspaceId: string; adminToken: string; memberToken: string };

const port = Number(process.env.PORT);
const seedFile = process.env.SEED_FILE;
if (!port || !seedFile) throw new Error('PORT and SEED_FILE are required');

await migrateDatabase();
if (!existsSync(seedFile)) {
	const admin = await createAdmin();
	const member = await createMember(admin);
	const seed: ChildSeed = {
		workspaceId: admin.workspaceId,
		adminToken: admin.token,
		memberToken: member.token
	};
	writeFileSync(seedFile, JSON.stringify(seed));
}

// A low compaction threshold, so restarts also land in the middle of compactions.
const sync = createSyncServer({
	kinds: testRoomKinds(),
	origin: undefined,
	hooks: { findMembership: appSyncHooks.hooks.findMembership },
	compaction: { afterUpdates: 40 }
});
const http = createServer((_request, response) => response.writeHead(404).end());
serveSync(http, sync);
await listen(http, port);
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
	http.close();
	http.closeIdleConnections();
	void sync
		.close()
		.then(() => closeDatabase())
		.then(
			() => process.exit(0),
			() => process.exit(1)
		);
});
