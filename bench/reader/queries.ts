// Part of `npm run bench:reader`: what reading a reader page's data costs per request, the way the
// page read it before (session, membership, workspace list, membership again, versions: five
// queries one after the other) against the one query it reads it with now. In-process, on the
// seeded database, before the server starts (PGlite admits one process). Prints one JSON line.
// Run with DATABASE_URL or DATA_DIR set and SEED_JSON holding the seed's output line.
import { closeDatabase, db, migrateDatabase } from '../../src/lib/server/db';
import { hashToken, validateSessionToken } from '../../src/lib/server/auth/session';
import { loadWorkspaceRequest } from '../../src/lib/server/auth/workspace-request';
import { requireAllowed } from '../../src/lib/server/policies';
import { readerVersions } from '../../src/lib/server/publications/reader';
import { listUserWorkspaces } from '../../src/lib/server/workspaces/access';

const WARMUP = 30;
const RUNS = 300;
const seed = JSON.parse(process.env.SEED_JSON ?? '{}') as {
	workspaceId: string;
	readerToken: string;
};
const { workspaceId, readerToken: token } = seed;

async function separateQueries() {
	const session = await validateSessionToken(db, token);
	if (!session) throw new Error('the seeded session is not valid');
	await requireAllowed(db, session.user.id, workspaceId, 'read');
	await listUserWorkspaces(db, session.user.id);
	await requireAllowed(db, session.user.id, workspaceId, 'read');
	await readerVersions(db, session.user.id, workspaceId);
}

async function oneQuery() {
	if (!(await loadWorkspaceRequest(db, hashToken(token), workspaceId, true)))
		throw new Error('the seeded session is not valid');
}

/** Mean wall time and CPU time (of this process: the client side, and PGlite's server) per call. */
async function measure(read: () => Promise<void>) {
	for (let i = 0; i < WARMUP; i += 1) await read();
	const started = performance.now();
	const cpu = process.cpuUsage();
	for (let i = 0; i < RUNS; i += 1) await read();
	const used = process.cpuUsage(cpu);
	const round = (ms: number) => Math.round(ms * 100) / 100;
	return {
		wallMs: round((performance.now() - started) / RUNS),
		processCpuMs: round((used.user + used.system) / 1000 / RUNS)
	};
}

await migrateDatabase();
// Taking turns, twice, so both meet the same background load; the second turn counts.
await measure(separateQueries);
await measure(oneQuery);
const before = await measure(separateQueries);
const now = await measure(oneQuery);
console.log(
	JSON.stringify({ runs: RUNS, before: { queries: 5, ...before }, now: { queries: 1, ...now } })
);
await closeDatabase();
