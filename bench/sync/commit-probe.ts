// The physical floor of "stored before sent": a durable single-row commit on the benchmark's own
// PostgreSQL, measured in the same run as the scenarios (issue 15's steady-relay goal is the
// reference's p99 plus two of these).
import type postgres from 'postgres';
import { Samples } from './metrics';

/** p50 and p99 of `count` autocommit inserts of a 30-byte row, one after another. */
export async function durableCommitMs(sql: postgres.Sql, count = 400) {
	await sql`create table if not exists bench_commit_probe (id bigserial, data bytea not null)`;
	const payload = Buffer.alloc(30, 7);
	const samples = new Samples();
	try {
		for (let i = 0; i < count; i += 1) {
			const began = performance.now();
			await sql`insert into bench_commit_probe (data) values (${payload})`;
			samples.add(performance.now() - began);
		}
	} finally {
		await sql`drop table bench_commit_probe`;
	}
	return { count, p50: samples.percentile(50), p99: samples.percentile(99) };
}
