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
/**
 * Each target's time is cut into rounds that take turns (ceiling, page, floor, ceiling, …), so
 * that on a machine shared with other work every target meets the same background load.
 */
const ROUNDS = 5;
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
	/** Median over the rounds. */
	p50Ms: number;
	/** Median over the rounds. */
	p99Ms: number;
	/** The worst round's p99. */
	p99WorstMs: number;
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
		p99WorstMs: result.latency.p99,
		latencyAvgMs: Math.round(result.latency.average * 100) / 100,
		requests: result.requests.total,
		errors: result.errors + result.timeouts,
		non2xx: result.non2xx
	};
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The rounds of one target as one measurement: requests over the whole time, medians of the rounds. */
function combine(rounds: Measured[]): Measured {
	const requests = rounds.reduce((sum, round) => sum + round.requests, 0);
	return {
		requestsPerSecond: Math.round(
			rounds.reduce((sum, round) => sum + round.requestsPerSecond, 0) / rounds.length
		),
		p50Ms: median(rounds.map((round) => round.p50Ms)),
		p99Ms: median(rounds.map((round) => round.p99Ms)),
		p99WorstMs: Math.max(...rounds.map((round) => round.p99Ms)),
		latencyAvgMs:
			Math.round(
				(rounds.reduce((sum, round) => sum + round.latencyAvgMs * round.requests, 0) / requests) *
					100
			) / 100,
		requests,
		errors: rounds.reduce((sum, round) => sum + round.errors, 0),
		non2xx: rounds.reduce((sum, round) => sum + round.non2xx, 0)
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

type DataReads = {
	runs: number;
	before: { queries: number; wallMs: number; processCpuMs: number };
	now: { queries: number; wallMs: number; processCpuMs: number };
};

type DriverRun = {
	/** Reading the data of one rendered page, before (five queries) and now (one), in-process. */
	dataReads: DataReads;
	driver: Driver;
	page: Measured & { htmlBytes: number; htmlGzipBytes: number; jsGzipBytes: number };
	ceiling: Measured;
	/** The lightest server-rendered page of the app (sign-in: no database, no session), for scale. */
	floor: Measured;
	/** The reader page rendered on every request (a query string: never kept), for scale. */
	rendered: Measured;
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
		console.log(`reader bench (${driver}): the page's data reads, before and now…`);
		const dataReads = lastJsonLine<DataReads>(
			await runChild(['--import', 'tsx', 'bench/reader/queries.ts'], {
				...env,
				SEED_JSON: JSON.stringify(seed)
			})
		);
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
			`reader bench (${driver}): warming up ${WARMUP_SECONDS} s each, then ${DURATION_SECONDS} s each in ${ROUNDS} rounds taking turns, ${CONNECTIONS} connections…`
		);
		const floorUrl = `${server.origin}/signin`;
		await load(staticUrl, {}, WARMUP_SECONDS);
		await load(pageUrl, headers, WARMUP_SECONDS);
		await load(floorUrl, {}, WARMUP_SECONDS);
		// A query string makes the same page that is never kept: every request is rendered.
		const renderedUrl = `${pageUrl}?rendered`;
		await load(renderedUrl, headers, WARMUP_SECONDS);
		const rounds: Record<'ceiling' | 'page' | 'floor' | 'rendered', Measured[]> = {
			ceiling: [],
			page: [],
			floor: [],
			rendered: []
		};
		const roundSeconds = DURATION_SECONDS / ROUNDS;
		for (let round = 0; round < ROUNDS; round += 1) {
			rounds.ceiling.push(await load(staticUrl, {}, roundSeconds));
			rounds.page.push(await load(pageUrl, headers, roundSeconds));
			rounds.floor.push(await load(floorUrl, {}, roundSeconds));
			rounds.rendered.push(await load(renderedUrl, headers, roundSeconds));
		}
		const ceiling = combine(rounds.ceiling);
		const page = combine(rounds.page);
		const floor = combine(rounds.floor);
		const rendered = combine(rounds.rendered);
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
			rendered,
			dataReads,
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
	rounds: ROUNDS,
	pagePath: '/w/<ws>/definition',
	staticPath: STATIC_PATH,
	goals: GOALS,
	runs: runs.map((run) => ({ ...run, met: met(run) }))
};
await mkdir(resolve(RESULTS_FILE, '..'), { recursive: true });
await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, '\t')}\n`);

const yes = (ok: boolean) => (ok ? 'met' : '**not met**');
const row = (driver: string, target: string, measured: Measured) =>
	`| ${driver} | ${target} | ${measured.requestsPerSecond} | ${measured.p50Ms} ms | ${measured.p99Ms} ms | ${measured.p99WorstMs} ms | ${measured.errors + measured.non2xx} |`;
const rows = runs.flatMap((run) => [
	row(run.driver, 'static file (ceiling)', run.ceiling),
	row(run.driver, '**reader page**', run.page),
	row(run.driver, 'reader page rendered every time (`?rendered`)', run.rendered),
	row(run.driver, '/signin (no database; scale)', run.floor)
]);
const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)} %`;
const verdicts = runs.map(
	(run) =>
		`- ${run.driver}: ${percent(run.page.requestsPerSecond, run.ceiling.requestsPerSecond)} of the ceiling (goal ≥ 50 %): ${yes(met(run).shareOfCeiling)}; ` +
		`p99 ${run.page.p99Ms} ms (goal < 50 ms): ${yes(met(run).p99)} (the static file's own p99 in the same rounds: ${run.ceiling.p99Ms} ms); ` +
		`changes shown on the very next request (acknowledgement, role change, removal, sign-out): ${yes(met(run).takesEffectAtOnce)}.`
);
const first = runs[0];
await writeSection(
	[
		'## Reader page',
		'',
		'`npm run bench:reader` (code in `bench/reader/`, raw numbers in `bench/results/reader.json`): the published',
		'definition page `/w/<ws>/definition` of the production build (`node server.js`), requested by a signed-in',
		'member, against the same HTML saved as a static file and served by the same process through',
		"adapter-node's static handler (the ceiling). autocannon on loopback, 50 connections, seeded through the",
		'services with 41 members in 4 departments and two published versions (so the page carries the word diff).',
		`Side by side in one run: after ${WARMUP_SECONDS} s of warm-up each, every target gets ${DURATION_SECONDS} s cut into ${ROUNDS} rounds that`,
		'take turns (ceiling, page, rendered page, sign-in page, ceiling, …), so that all meet the same background',
		'load; requests/s over all rounds, p50 and p99 the median of the rounds, and the worst round’s p99.',
		'',
		`Run ${results.date.slice(0, 16).replace('T', ' ')} UTC on ${results.machine.cpus} cores (${results.machine.cpu}), Node ${results.machine.node}. The load generator shares`,
		'the machine, and so did other work (several other builds and test runs), so absolute figures are low and',
		'noisy; the ratios between targets of one run are what the goal is about.',
		'',
		'| database | target | requests/s | p50 | p99 | worst round p99 | errors + non-2xx |',
		'| --- | --- | ---: | ---: | ---: | ---: | ---: |',
		...rows,
		'',
		...verdicts,
		`- JavaScript of the page: ${first.page.jsGzipBytes} bytes gzipped (goal < 30 KB): ${yes(met(first).pageJs)}. The reader pages`,
		'  set `csr = false` and ship no script at all; the acknowledgement is a plain form post.',
		`- HTML: ${first.page.htmlBytes} bytes (${first.page.htmlGzipBytes} gzipped).`,
		'',
		'What achieved it.',
		'',
		'1. **Kept pages, served before SvelteKit.** A rendered reader page is kept in memory per session, path and',
		'   language inputs (`src/lib/server/publications/reader-page-cache.ts`); `server.js` sends it before the',
		'   request reaches SvelteKit, with no database round trip, so a kept page costs about what the static',
		'   file costs. Even the sign-in page, which reads no database, reaches only',
		`   ${percent(first.floor.requestsPerSecond, first.ceiling.requestsPerSecond)} of the ceiling here: any request through SvelteKit (hooks, paraglide, loads, rendering)`,
		'   is too dear for the goal, so the page had to be sent without it.',
		'2. **Exact invalidation at commit.** Triggers on the six tables a page is rendered from',
		'   (`drizzle/0005_reader_pages_notify.sql`: sessions, users, memberships, workspaces, publications,',
		'   acknowledgements) `NOTIFY reader_pages` with whose pages to drop (a user, a workspace, or all). A',
		'   sign-out, removal, role change, deactivation or any other change to the member or account row, an',
		'   acknowledgement or a new version therefore drops the pages whatever code made the change. PGlite calls',
		'   the listener before the writing query returns; on PostgreSQL every request that may have written',
		'   (any method but GET/HEAD, or a response that sets a cookie) waits before answering until a NOTIFY of',
		'   its own comes back on the listening connection — notifications arrive in commit order — so its own',
		'   changes are applied before the browser can ask again. A page rendered from rows read before a',
		'   change that arrived during the render is not kept. The last lines above check it on the running',
		'   server right after the load.',
		'3. **Across instances.** Every instance listens on the same channel, so all drop the pages at commit',
		'   plus the time PostgreSQL takes to deliver a notification (well under a millisecond on one network);',
		'   no per-request round trip is spent on it. If an instance’s listening connection is lost and',
		'   re-established, it drops everything it kept; a NOTIFY that does not come back within 2 s does the same.',
		'4. **One query instead of five when a page is rendered.** The session, the membership, the workspace',
		'   list and (on the reader pages) the versions with the reader’s acknowledgements are read in one',
		'   query in `hooks.server.ts` (`src/lib/server/auth/workspace-request.ts`); the layout and the page use',
		'   it instead of asking again; it helps every workspace page. Measured in-process on the seeded',
		'   database (`bench/reader/queries.ts`, mean of 300, taking turns):',
		'',
		'   | database | reads | wall per page | CPU of the app process per page |',
		'   | --- | --- | ---: | ---: |',
		...runs.flatMap((run) => [
			`   | ${run.driver} | 5 queries (before) | ${run.dataReads.before.wallMs} ms | ${run.dataReads.before.processCpuMs} ms |`,
			`   | ${run.driver} | 1 query (now) | ${run.dataReads.now.wallMs} ms | ${run.dataReads.now.processCpuMs} ms |`
		]),
		'',
		'   (On PGlite the database runs inside the app process, so its CPU is counted too.) The "rendered every',
		'   time" row is what a page costs when it is not kept (the first request of each session after a',
		'   change); most of it is rendering and SvelteKit, which is why pages are kept.',
		'',
		'Why the page goes past the "ceiling": adapter-node\'s static handler (sirv) reads the file from disk',
		'for every request, while a kept page is sent from memory; the static file is the ceiling the issue',
		'set, not the fastest a response can be sent.',
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
