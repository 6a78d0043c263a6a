// `npm run bench:reader`: the published definition page under load on loopback, against the same
// HTML saved as a static file and served by the same production server (adapter-node's static
// handler) as the ceiling. 50 connections; requests/s and p99. Writes bench/results/reader.json
// and the "Reader page" section of BENCHMARKS.md.
//
// Database: a fresh PostgreSQL database on the server of DATABASE_URL when it is set (dropped
// afterwards), else a fresh embedded PGlite folder. Needs `npm run build` first (the npm script
// does it). Every request goes to 127.0.0.1 only, and every run is bounded in time.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon, { type Result } from 'autocannon';
import { format, resolveConfig } from 'prettier';
import {
	freshDatabase,
	lastJsonLine,
	replaceSection,
	runChild,
	startServer,
	type AppServer,
	type Driver
} from '../lib/app';

const CONNECTIONS = 50;
const WARMUP_SECONDS = 3;
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const STATIC_PATH = '/__bench/reader.html';
const STATIC_FILE = resolve('build/client/__bench/reader.html');
const RESULTS_FILE = resolve('bench/results/reader.json');
const BENCHMARKS_FILE = resolve('BENCHMARKS.md');
const GOALS = { shareOfCeiling: 0.5, p99Ms: 50, pageJsGzipBytes: 30 * 1024 };

/** Bytes of JavaScript the page loads, gzipped: every script and module preload it names. */
async function pageJsGzipBytes(
	origin: string,
	html: string,
	headers: Record<string, string>
): Promise<number> {
	const sources = [
		...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
		...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)
	].map((match) => match[1]);
	const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
		(match) => match[1]
	);
	let total = inline.reduce((sum, code) => sum + (code.trim() ? gzipSync(code).length : 0), 0);
	for (const source of new Set(sources)) {
		const response = await fetch(new URL(source, `${origin}/w/x/definition`), { headers });
		total += gzipSync(Buffer.from(await response.arrayBuffer())).length;
	}
	return total;
}

type Measured = {
	requestsPerSecond: number;
	p50Ms: number;
	p99Ms: number;
	latencyAvgMs: number;
	requests: number;
	errors: number;
	non2xx: number;
};

async function load(
	url: string,
	headers: Record<string, string>,
	seconds: number
): Promise<Measured> {
	const result: Result = await autocannon({
		url,
		connections: CONNECTIONS,
		duration: seconds,
		headers
	});
	return {
		requestsPerSecond: Math.round(result.requests.average),
		p50Ms: result.latency.p50,
		p99Ms: result.latency.p99,
		latencyAvgMs: Math.round(result.latency.average * 100) / 100,
		requests: result.requests.total,
		errors: result.errors + result.timeouts,
		non2xx: result.non2xx
	};
}

/** Replaces the "Reader page" section of BENCHMARKS.md (or appends it), leaving other sections as they are. */
async function writeSection(raw: string) {
	// Formatted as `npm run lint` expects, so a fresh run leaves the file clean.
	const section = await format(raw, {
		...(await resolveConfig(BENCHMARKS_FILE)),
		parser: 'markdown'
	});
	let text = '';
	try {
		text = await readFile(BENCHMARKS_FILE, 'utf8');
	} catch {
		// no file yet: it starts with this section
	}
	await writeFile(BENCHMARKS_FILE, replaceSection(text, 'Reader page', section));
}

type Seed = {
	workspaceId: string;
	readerToken: string;
	adminToken: string;
	others: { userId: string; token: string }[];
};

/** What the page answers `token` now: its status and whether it carries the form, the reach link. */
async function readPage(origin: string, pagePath: string, token: string) {
	const response = await fetch(`${origin}${pagePath}`, {
		headers: { cookie: `fb_session=${token}` },
		redirect: 'manual'
	});
	const html = await response.text();
	return {
		status: response.status,
		acknowledgeForm: html.includes('action="?/acknowledge"'),
		reachLink: html.includes(`${pagePath}/reach"`)
	};
}

/** Posts a form as a browser does (the Origin header passes SvelteKit's CSRF check). */
async function post(origin: string, path: string, token: string, form: Record<string, string>) {
	const response = await fetch(`${origin}${path}`, {
		method: 'POST',
		headers: {
			cookie: `fb_session=${token}`,
			origin,
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(form),
		redirect: 'manual'
	});
	await response.arrayBuffer();
	if (response.status >= 400) throw new Error(`POST ${path} answered ${response.status}`);
}

/**
 * Right after the load, against the same server: each change is made through the app as a user
 * would make it, and the very next request for the page (kept until then) must show it.
 */
async function checkChangesTakeEffect(origin: string, pagePath: string, seed: Seed) {
	const [roleChanged, removed] = seed.others;
	const members = `/w/${seed.workspaceId}/members`;
	for (const token of [seed.readerToken, roleChanged.token, removed.token])
		for (let i = 0; i < 2; i += 1) await readPage(origin, pagePath, token);
	const before = await readPage(origin, pagePath, seed.readerToken);
	await post(origin, `${pagePath}?/acknowledge`, seed.readerToken, { version: '2' });
	const acknowledgement =
		before.acknowledgeForm && !(await readPage(origin, pagePath, seed.readerToken)).acknowledgeForm;

	const asMember = await readPage(origin, pagePath, roleChanged.token);
	await post(origin, `${members}?/updateMember`, seed.adminToken, {
		userId: roleChanged.userId,
		role: 'facilitator',
		departmentId: ''
	});
	const roleChange =
		!asMember.reachLink && (await readPage(origin, pagePath, roleChanged.token)).reachLink;

	const asMemberStill = await readPage(origin, pagePath, removed.token);
	await post(origin, `${members}?/removeMember`, seed.adminToken, { id: removed.userId });
	const removal =
		asMemberStill.status === 200 &&
		(await readPage(origin, pagePath, removed.token)).status !== 200;

	await post(origin, '/signout', seed.readerToken, {});
	const signOut = (await readPage(origin, pagePath, seed.readerToken)).status === 303;
	return { acknowledgement, roleChange, removal, signOut };
}

type DriverRun = {
	driver: Driver;
	page: Measured & { htmlBytes: number; htmlGzipBytes: number; jsGzipBytes: number };
	ceiling: Measured;
	/** The lightest server-rendered page of the app (sign-in: no database, no session), for scale. */
	floor: Measured;
	shareOfCeiling: number;
	/** Whether each change showed on the very next request after the load. */
	takesEffectAtOnce: Awaited<ReturnType<typeof checkChangesTakeEffect>>;
};

/** Seeds a fresh database, starts the server on it and measures the ceiling and the page. */
async function benchDriver(
	driver: DriverRun['driver'],
	adminUrl: string | undefined
): Promise<DriverRun> {
	const database = await freshDatabase(driver, adminUrl, 'reader');
	const { env } = database;
	let server: AppServer | undefined;
	try {
		console.log(`reader bench (${driver}): seeding…`);
		const seedOut = await runChild(['--import', 'tsx', 'bench/reader/seed.ts'], env);
		const seed = lastJsonLine<Seed>(seedOut);
		const headers = { cookie: `fb_session=${seed.readerToken}` };
		const pagePath = `/w/${seed.workspaceId}/definition`;

		server = await startServer(env);
		const response = await fetch(`${server.origin}${pagePath}`, { headers });
		const html = await response.text();
		if (response.status !== 200 || !html.includes('action="?/acknowledge"'))
			throw new Error(`the reader page answered ${response.status}`);
		const jsGzipBytes = await pageJsGzipBytes(server.origin, html, headers);
		await server.stop();

		// The ceiling: the very same HTML as a file, served by the same process's static handler.
		await mkdir(resolve(STATIC_FILE, '..'), { recursive: true });
		await writeFile(STATIC_FILE, html);
		server = await startServer(env);
		const staticUrl = `${server.origin}${STATIC_PATH}`;
		const pageUrl = `${server.origin}${pagePath}`;
		console.log(
			`reader bench (${driver}): warming up ${WARMUP_SECONDS} s each, then ${DURATION_SECONDS} s each, ${CONNECTIONS} connections…`
		);
		const floorUrl = `${server.origin}/signin`;
		await load(staticUrl, {}, WARMUP_SECONDS);
		await load(pageUrl, headers, WARMUP_SECONDS);
		await load(floorUrl, {}, WARMUP_SECONDS);
		const ceiling = await load(staticUrl, {}, DURATION_SECONDS);
		const page = await load(pageUrl, headers, DURATION_SECONDS);
		const floor = await load(floorUrl, {}, DURATION_SECONDS);
		const takesEffectAtOnce = await checkChangesTakeEffect(server.origin, pagePath, seed);
		return {
			driver,
			page: {
				...page,
				htmlBytes: Buffer.byteLength(html),
				htmlGzipBytes: gzipSync(html).length,
				jsGzipBytes
			},
			ceiling,
			floor,
			shareOfCeiling:
				Math.round((page.requestsPerSecond / ceiling.requestsPerSecond) * 1000) / 1000,
			takesEffectAtOnce
		};
	} finally {
		await server?.stop();
		await rm(resolve(STATIC_FILE, '..'), { recursive: true, force: true });
		await database.remove();
	}
}

// PGlite always (what a newcomer runs); PostgreSQL too when DATABASE_URL names a server.
const adminUrl = process.env.DATABASE_URL?.trim() || undefined;
const runs: DriverRun[] = [];
for (const driver of adminUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const))
	runs.push(await benchDriver(driver, adminUrl));

const met = (run: DriverRun) => ({
	shareOfCeiling: run.shareOfCeiling >= GOALS.shareOfCeiling,
	p99: run.page.p99Ms < GOALS.p99Ms,
	pageJs: run.page.jsGzipBytes < GOALS.pageJsGzipBytes,
	noErrors: run.page.errors + run.page.non2xx + run.ceiling.errors + run.ceiling.non2xx === 0,
	takesEffectAtOnce: Object.values(run.takesEffectAtOnce).every(Boolean)
});
const results = {
	date: new Date().toISOString(),
	machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', node: process.version },
	connections: CONNECTIONS,
	warmupSeconds: WARMUP_SECONDS,
	durationSeconds: DURATION_SECONDS,
	pagePath: '/w/<ws>/definition',
	staticPath: STATIC_PATH,
	goals: GOALS,
	runs: runs.map((run) => ({ ...run, met: met(run) }))
};
await mkdir(resolve(RESULTS_FILE, '..'), { recursive: true });
await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, '\t')}\n`);

const yes = (ok: boolean) => (ok ? 'met' : '**not met**');
const rows = runs.flatMap((run) => [
	`| ${run.driver} | static file (ceiling) | ${run.ceiling.requestsPerSecond} | ${run.ceiling.p50Ms} ms | ${run.ceiling.p99Ms} ms | ${run.ceiling.errors + run.ceiling.non2xx} |`,
	`| ${run.driver} | reader page | ${run.page.requestsPerSecond} | ${run.page.p50Ms} ms | ${run.page.p99Ms} ms | ${run.page.errors + run.page.non2xx} |`,
	`| ${run.driver} | /signin (no database; scale) | ${run.floor.requestsPerSecond} | ${run.floor.p50Ms} ms | ${run.floor.p99Ms} ms | ${run.floor.errors + run.floor.non2xx} |`
]);
const verdicts = runs.map(
	(run) =>
		`- ${run.driver}: ${(run.shareOfCeiling * 100).toFixed(1)} % of the ceiling (goal ≥ 50 %): ${yes(met(run).shareOfCeiling)}; ` +
		`p99 ${run.page.p99Ms} ms (goal < 50 ms): ${yes(met(run).p99)}.`
);
const first = runs[0];
await writeSection(
	[
		'## Reader page',
		'',
		'`npm run bench:reader` (code in `bench/reader/`, raw numbers in `bench/results/reader.json`): the published',
		'definition page `/w/<ws>/definition` of the production build (`node server.js`), requested by a signed-in',
		'member (session cookie, membership check, layout and page loads, server rendering), against the same HTML',
		"saved as a static file and served by the same process through adapter-node's static handler (the ceiling).",
		`autocannon on loopback, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up then ${DURATION_SECONDS} s each; seeded through the services`,
		'with 41 members in 4 departments and two published versions (so the page carries the word diff).',
		'',
		`Run ${results.date.slice(0, 10)} on ${results.machine.cpus} cores (${results.machine.cpu}), Node ${results.machine.node}; the load generator shares the machine.`,
		'',
		'| database | target | requests/s | p50 | p99 | errors + non-2xx |',
		'| --- | --- | ---: | ---: | ---: | ---: |',
		...rows,
		'',
		...verdicts,
		`- JavaScript of the page: ${first.page.jsGzipBytes} bytes gzipped (goal < 30 KB): ${yes(met(first).pageJs)}. The reader pages`,
		'  set `csr = false` and ship no script at all; the acknowledgement is a plain form post.',
		`- HTML: ${first.page.htmlBytes} bytes (${first.page.htmlGzipBytes} gzipped).`,
		'',
		'What the numbers say. The goal compares a signed-in, personalised, server-rendered page with a file the',
		'static handler sends from memory. Even the sign-in page, which reads no database and no session, reaches',
		`only ${((first.floor.requestsPerSecond / first.ceiling.requestsPerSecond) * 100).toFixed(0)} % of the ceiling here: that is the cost of one request through SvelteKit (hooks, paraglide's`,
		'request context, route and layout loads, rendering) on one core while the load generator takes the other.',
		'The reader page adds the session lookup, the membership and workspace-list queries of the layouts, its own',
		"two queries (membership; versions with the reader's acknowledgements) and a larger page; its texts and the",
		'word diff are built once per publication and kept in memory, and date formatters once per locale. With 50',
		'connections and a few hundred requests per second, p99 is queueing time, so it follows the throughput.',
		'Meeting ≥ 50 % and p99 < 50 ms would need the page served before SvelteKit renders it — a cache in `handle`',
		'keyed by user, version, acknowledgement, role and language — and also without a database round trip for the',
		'session on every request; both are changes outside the reader pages and trade freshness of revocation for',
		'speed, so they are proposed, not made.',
		''
	].join('\n')
);
console.log(
	JSON.stringify(
		results.runs.map(({ driver, page, ceiling, shareOfCeiling }) => ({
			driver,
			page,
			ceiling,
			shareOfCeiling
		})),
		null,
		2
	)
);
