// What a scenario gets: the server under test, parameters, the database, and our workspace.
import type postgres from 'postgres';
import type { BenchParams } from '../params';
import type { RunningServer } from '../servers';

/** Input of every scenario. */
export type ScenarioContext = {
	server: RunningServer;
	params: BenchParams;
	sql: postgres.Sql;
	/** Workspace whose member's session the clients of our server use. */
	workspaceId: string;
	/** Starts another server set up as `server` is (ours over Redis: an instance sharing its rooms); the scenario stops it. */
	startPeer(): Promise<RunningServer>;
};

const TABLES: Record<RunningServer['kind'], string[]> = {
	ours: ['documents', 'ydoc_updates', 'ydoc_snapshots'],
	hocuspocus: ['hocuspocus_documents'],
	reference: []
};

/** Bytes the server's tables take (heap, TOAST, indexes); autovacuum is off for them during a run. */
export async function tableBytes(context: ScenarioContext): Promise<number> {
	let total = 0;
	for (const table of TABLES[context.server.kind]) {
		const [row] = await context.sql<{ bytes: string | null }[]>`
			select pg_total_relation_size(to_regclass(${table}))::text as bytes`;
		total += Number(row?.bytes ?? 0);
	}
	return total;
}

/** Bytes of WAL the whole cluster has written so far (other databases' activity included). */
export async function walPosition(context: ScenarioContext): Promise<bigint> {
	const [row] = await context.sql<
		{ lsn: string }[]
	>`select (pg_current_wal_lsn() - '0/0'::pg_lsn)::text as lsn`;
	return BigInt(row.lsn.split('.')[0]);
}

/** Transactions committed in the benchmark database so far. */
export async function commits(context: ScenarioContext): Promise<number> {
	const [row] = await context.sql<{ commits: string }[]>`
		select xact_commit::text as commits from pg_stat_database where datname = current_database()`;
	return Number(row.commits);
}

/** Waits until the server has stored everything and unloaded its documents (not the reference: it keeps them). */
export async function settle(context: ScenarioContext, timeoutMs = 60_000): Promise<boolean> {
	if (context.server.kind === 'reference') return true;
	const deadline = performance.now() + timeoutMs;
	while (performance.now() < deadline) {
		const stats = await context.server.stats();
		if (
			(stats.rooms ?? 0) === 0 &&
			(stats.pendingUpdates ?? 0) === 0 &&
			(stats.pendingDocuments ?? 0) === 0
		) {
			// A compaction started by the last unload may still be committing.
			await new Promise((resolve) => setTimeout(resolve, 1_000));
			return true;
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return false;
}
