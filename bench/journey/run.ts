// `npm run bench:journey`: a journey map of 12 stages × 10 lanes with 300 cards opened in
// Chromium, from the app's list of maps and as a first visit (cells in view drawn, time to
// interactive), then an edit from another client every 100 ms (edit-to-screen latency, long tasks
// and slow frames meanwhile), and the touchpoint register with 2,000 touchpoints (render, filter).
// Writes bench/results/journey.json and the "Journey map and register" section of BENCHMARKS.md.
//
// Production build (`npm run build` first; the npm script does it) on a fresh database: a new
// PostgreSQL database when DATABASE_URL is set (PGlite as well), else PGlite only. Loopback only.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { format, resolveConfig } from 'prettier';
import { setCardText } from '../../src/lib/journeys/doc';
import {
	freshDatabase,
	lastJsonLine,
	replaceSection,
	runChild,
	startServer,
	type AppServer,
	type Driver
} from '../lib/app';

const RESULTS_FILE = resolve('bench/results/journey.json');
const BENCHMARKS_FILE = resolve('BENCHMARKS.md');
const CHROMIUM = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
const OPEN_RUNS = 5;
const EDITS = Number(process.env.BENCH_EDITS ?? 150);
const EDIT_INTERVAL_MS = 100;
const QUIET_WINDOW_MS = 1_000;
/** BENCH_OPEN_ONLY=1: open the map and print the timings, nothing else (for trying a change). */
const OPEN_ONLY = process.env.BENCH_OPEN_ONLY === '1';
/** BENCH_TRACE=<file>: write a Chromium trace of the last first visit there, and its CPU profile beside it. */
const TRACE_FILE = process.env.BENCH_TRACE?.trim() || undefined;
const GOALS = { openMs: 1_000, editToScreenP95Ms: 50, filterMs: 100 };
let chromiumVersion = '';

type Seed = {
	workspaceId: string;
	mapId: string;
	room: string;
	stages: number;
	lanes: number;
	cards: number;
	touchpoints: number;
	editedCardIds: string[];
	viewerToken: string;
	editorToken: string;
};

/**
 * Installed before any page script: records long tasks, frame times, when the map's cells in view
 * are all drawn, and when each `bench <n>` text first shows in a card (checked every frame).
 * The map draws a cell's content only once its stage and lane come near the screen, so "painted"
 * is the first frame where every cell in the visible part of the grid is drawn.
 * Plain JavaScript in a string: tsx would wrap a TypeScript function in helpers the page lacks.
 */
const probe = (expectedCells: number) => `(() => {
	const longTasks = [];
	const frames = [];
	const seen = {};
	const bench = (window.__bench = { longTasks, frames, seen, mapPaintedAt: null, cardsAtPaint: 0 });
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries())
			longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
	}).observe({ type: 'longtask', buffered: true });
	const viewDrawn = () => {
		const grid = document.querySelector('[role="grid"]');
		if (!grid || !grid.parentElement) return false;
		const cells = grid.querySelectorAll('[role="gridcell"]:has(> .cell-label)');
		if (cells.length < ${expectedCells}) return false;
		const box = grid.parentElement.getBoundingClientRect();
		const top = Math.max(box.top, 0);
		const bottom = Math.min(box.bottom, innerHeight);
		const left = Math.max(box.left, 0);
		const right = Math.min(box.right, innerWidth);
		for (const cell of cells) {
			const r = cell.getBoundingClientRect();
			const inView = r.bottom > top && r.top < bottom && r.right > left && r.left < right;
			if (inView && !cell.hasAttribute('data-drawn')) return false;
		}
		return true;
	};
	// A frame's own timestamp is when the frame began, which can be long before its callbacks run
	// when a task holds the main thread: the time read inside the callback is when it ran.
	const tick = () => {
		const now = performance.now();
		frames.push(now);
		if (bench.mapPaintedAt === null && viewDrawn()) {
			bench.mapPaintedAt = now;
			bench.cardsAtPaint = document.querySelectorAll('textarea.card-text, .touchpoint').length;
		}
		for (const field of document.querySelectorAll('textarea.card-text')) {
			const match = /^bench ([0-9]+)$/.exec(field.value);
			if (match && seen[match[1]] === undefined) seen[match[1]] = performance.timeOrigin + now;
		}
		requestAnimationFrame(tick);
	};
	requestAnimationFrame(tick);
})();`;

type BenchState = {
	longTasks: { start: number; end: number }[];
	frames: number[];
	seen: Record<string, number>;
	mapPaintedAt: number | null;
	cardsAtPaint: number;
};

const percentile = (values: number[], p: number) => {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const median = (values: number[]) => percentile(values, 50);
const round = (value: number) => Math.round(value * 10) / 10;

async function signedInPage(browser: Browser, origin: string, token: string): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	await context.addCookies([{ name: 'fb_session', value: token, url: origin }]);
	return context.newPage();
}

type BenchWindow = { __bench: BenchState };

/** Waits for a quiet window with no long task after the map is painted. */
async function waitQuiet(page: Page): Promise<void> {
	for (;;) {
		const quietFor = await page.evaluate(() => {
			const b = (window as unknown as BenchWindow).__bench;
			return performance.now() - Math.max(b.mapPaintedAt ?? 0, ...b.longTasks.map((t) => t.end));
		});
		if (quietFor >= QUIET_WINDOW_MS) return;
		await page.waitForTimeout(100);
	}
}

/** Painted and interactive, in ms after `since` (a time on the page's clock). */
async function readOpen(page: Page, since: number) {
	return page.evaluate((start) => {
		const b = (window as unknown as BenchWindow).__bench;
		const painted = (b.mapPaintedAt ?? NaN) - start;
		const after = b.longTasks.filter((t) => t.end > start).map((t) => t.end - start);
		return {
			painted,
			tti: Math.max(painted, ...after),
			longTasks: after.length,
			cardsDrawn: b.cardsAtPaint
		};
	}, since);
}

/**
 * Opens the map as a first visit: a fresh browser context (nothing cached), the address typed in.
 * The page stays open for the edit run.
 */
async function openMap(browser: Browser, origin: string, seed: Seed, traceFile?: string) {
	const page = await signedInPage(browser, origin, seed.viewerToken);
	if (traceFile) await browser.startTracing(page, { path: traceFile, screenshots: false });
	await page.addInitScript({ content: probe(seed.stages * seed.lanes) });
	// The browser's own account of where the main thread's time went (script, style, layout).
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Performance.enable');
	if (traceFile) {
		await cdp.send('Profiler.enable');
		await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
		await cdp.send('Profiler.start');
	}
	await page.goto(`${origin}/w/${seed.workspaceId}/journeys/${seed.mapId}`);
	await page.waitForFunction(
		() => (window as unknown as BenchWindow).__bench.mapPaintedAt !== null,
		null,
		{
			timeout: 60_000
		}
	);
	await waitQuiet(page);
	if (traceFile) {
		await browser.stopTracing();
		const { profile } = await cdp.send('Profiler.stop');
		await writeFile(`${traceFile}.cpuprofile`, JSON.stringify(profile));
	}
	const { metrics } = await cdp.send('Performance.getMetrics');
	const seconds = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? NaN;
	const pageTiming = await page.evaluate(() => {
		const nav = performance.getEntriesByType('navigation')[0] as
			PerformanceNavigationTiming | undefined;
		return {
			fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
			responseStart: nav?.responseStart ?? NaN,
			domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN
		};
	});
	const open = await readOpen(page, 0);
	return {
		page,
		timing: {
			...pageTiming,
			...open,
			scriptMs: round(seconds('ScriptDuration') * 1000),
			styleMs: round(seconds('RecalcStyleDuration') * 1000),
			layoutMs: round(seconds('LayoutDuration') * 1000),
			tasksMs: round(seconds('TaskDuration') * 1000)
		}
	};
}

/**
 * Opens the map as someone already in the app does: from the list of journey maps, loaded first
 * in a fresh context, by its link (the app's own navigation: the map page's data and code, no
 * page load). Timed from the click.
 */
async function openFromList(browser: Browser, origin: string, seed: Seed) {
	const page = await signedInPage(browser, origin, seed.viewerToken);
	await page.addInitScript({ content: probe(seed.stages * seed.lanes) });
	await page.goto(`${origin}/w/${seed.workspaceId}/journeys`);
	await page.waitForSelector('html[data-hydrated]');
	await page.waitForTimeout(500);
	const since = await page.evaluate((mapId) => {
		const link = document.querySelector<HTMLAnchorElement>(`a[href$="/journeys/${mapId}"]`);
		if (!link) throw new Error('no link to the map on the list');
		const now = performance.now();
		link.click();
		return now;
	}, seed.mapId);
	await page.waitForFunction(
		() => (window as unknown as BenchWindow).__bench.mapPaintedAt !== null,
		null,
		{
			timeout: 60_000
		}
	);
	await waitQuiet(page);
	const open = await readOpen(page, since);
	await page.context().close();
	return open;
}

/** Another client edits a card every 100 ms; returns each edit's time from send to the viewer's screen. */
async function editRun(page: Page, origin: string, seed: Seed) {
	const headers = { Cookie: `fb_session=${seed.editorToken}`, Origin: origin };
	class HeaderWebSocket extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${origin.replace(/^http/, 'ws')}/sync`, seed.room, doc, {
		WebSocketPolyfill: HeaderWebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	await new Promise<void>((done, fail) => {
		const timer = setTimeout(() => fail(new Error('the editing client did not sync')), 30_000);
		provider.once('sync', () => {
			clearTimeout(timer);
			done();
		});
	});
	const framesBefore = await page.evaluate(
		() => (window as unknown as BenchWindow).__bench.frames.length
	);
	const tasksBefore = await page.evaluate(
		() => (window as unknown as BenchWindow).__bench.longTasks.length
	);
	const sentAt: number[] = [];
	for (let i = 0; i < EDITS; i++) {
		const cardId = seed.editedCardIds[i % seed.editedCardIds.length];
		sentAt[i] = performance.timeOrigin + performance.now();
		setCardText(doc, cardId, `bench ${i}`);
		await new Promise((next) => setTimeout(next, EDIT_INTERVAL_MS));
	}
	await page.waitForTimeout(1_000);
	const state = await page.evaluate(() => (window as unknown as BenchWindow).__bench);
	provider.destroy();
	doc.destroy();
	const latencies: number[] = [];
	let missed = 0;
	for (let i = 0; i < EDITS; i++) {
		const shownAt = state.seen[String(i)];
		// A card edited again before the viewer's frame shows only the later text: that edit is missed.
		if (shownAt === undefined) missed++;
		else latencies.push(shownAt - sentAt[i]);
	}
	const frames = state.frames.slice(framesBefore);
	const gaps = frames.slice(1).map((t, i) => t - frames[i]);
	return {
		edits: EDITS,
		shown: latencies.length,
		missed,
		p50Ms: round(median(latencies)),
		p95Ms: round(percentile(latencies, 95)),
		maxMs: round(Math.max(...latencies)),
		longTasksDuringEdits: state.longTasks.length - tasksBefore,
		frameGapP95Ms: round(percentile(gaps, 95)),
		framesOver50Ms: gaps.filter((gap) => gap > 50).length
	};
}

/** Opens the register and applies filters, timing each from the input to the next painted frame. */
async function registerRun(browser: Browser, origin: string, seed: Seed) {
	const page = await signedInPage(browser, origin, seed.viewerToken);
	const started = Date.now();
	await page.goto(`${origin}/w/${seed.workspaceId}/touchpoints`);
	await page.waitForSelector('tbody tr[data-touchpoint]', { timeout: 60_000 });
	const loadedMs = Date.now() - started;
	const timing = await page.evaluate(() => {
		const nav = performance.getEntriesByType('navigation')[0] as
			PerformanceNavigationTiming | undefined;
		return {
			fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
			load: nav?.loadEventEnd ?? NaN,
			rows: Number(document.querySelector('[data-shown]')?.getAttribute('data-shown') ?? NaN)
		};
	});
	await page.waitForTimeout(500);
	type Step = { kind: 'text' | 'select'; selector: string; value: string };
	const steps: Step[] = [
		{ kind: 'text', selector: '#filter-text', value: 'Touchpoint 01' },
		{ kind: 'text', selector: '#filter-text', value: '' },
		{ kind: 'select', selector: '#filter-type', value: 'employee' },
		{ kind: 'select', selector: '#filter-owner', value: 'none' },
		{ kind: 'select', selector: '#filter-rule', value: 'missing' },
		{ kind: 'select', selector: '#filter-type', value: '' },
		{ kind: 'select', selector: '#filter-owner', value: '' },
		{ kind: 'select', selector: '#filter-rule', value: '' },
		{ kind: 'text', selector: '#filter-text', value: 'phone' },
		{ kind: 'text', selector: '#filter-text', value: '' }
	];
	const filters = [];
	for (const step of steps) {
		const measured = await page.evaluate(async ({ kind, selector, value }) => {
			const field = document.querySelector<HTMLInputElement | HTMLSelectElement>(selector);
			if (!field) return null;
			if (field instanceof HTMLSelectElement && ![...field.options].some((o) => o.value === value))
				return null;
			// The table keeps only the rows near the window in the DOM; the count says how many match.
			// (No named function here: tsx would wrap it in a helper the page does not have.)
			const counter = document.querySelector('[data-shown]');
			const before = Number(counter?.getAttribute('data-shown'));
			const t0 = performance.now();
			field.value = value;
			field.dispatchEvent(new Event(kind === 'text' ? 'input' : 'change', { bubbles: true }));
			await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
			return {
				ms: performance.now() - t0,
				before,
				after: Number(document.querySelector('[data-shown]')?.getAttribute('data-shown'))
			};
		}, step);
		if (measured) filters.push({ ...step, ...measured, ms: round(measured.ms) });
	}
	await page.context().close();
	return {
		rows: timing.rows,
		firstContentfulPaintMs: round(timing.fcp),
		loadEventMs: round(timing.load),
		untilRowsMs: loadedMs,
		filters,
		filterMaxMs: round(Math.max(...filters.map((f) => f.ms))),
		filterP50Ms: round(median(filters.map((f) => f.ms)))
	};
}

type DriverRun = {
	driver: Driver;
	map: { stages: number; lanes: number; cards: number };
	open: {
		runs: {
			fcp: number;
			painted: number;
			tti: number;
			responseStart: number;
			domContentLoaded: number;
			longTasks: number;
			cardsDrawn: number;
			scriptMs: number;
			styleMs: number;
			layoutMs: number;
			tasksMs: number;
		}[];
		fcpMs: number;
		paintedMs: number;
		ttiMs: number;
	};
	inApp: {
		runs: Awaited<ReturnType<typeof openFromList>>[];
		paintedMs: number;
		ttiMs: number;
	};
	edits: Awaited<ReturnType<typeof editRun>>;
	register: Awaited<ReturnType<typeof registerRun>>;
};

async function benchDriver(driver: Driver, adminUrl: string | undefined): Promise<DriverRun> {
	const database = await freshDatabase(driver, adminUrl, 'journey');
	let server: AppServer | undefined;
	let browser: Browser | undefined;
	try {
		console.log(`journey bench (${driver}): seeding…`);
		const seed = lastJsonLine<Seed>(
			await runChild(['--import', 'tsx', 'bench/journey/seed.ts'], database.env)
		);
		server = await startServer(database.env);
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
		});
		chromiumVersion = browser.version();
		// A first open warms the server (compiled routes, the document loaded into memory).
		const warm = await openMap(browser, server.origin, seed);
		await warm.page.context().close();
		console.log(`journey bench (${driver}): opening the map ${OPEN_RUNS} times…`);
		const runs = [];
		let last: Page | undefined;
		for (let i = 0; i < OPEN_RUNS; i++) {
			const traced = i === OPEN_RUNS - 1;
			const opened = await openMap(browser, server.origin, seed, traced ? TRACE_FILE : undefined);
			runs.push(opened.timing);
			if (last) await last.context().close();
			last = opened.page;
		}
		if (!last) throw new Error('no run');
		console.log(`journey bench (${driver}): opening the map from the list ${OPEN_RUNS} times…`);
		const inApp = [];
		for (let i = 0; i < OPEN_RUNS; i++)
			inApp.push(await openFromList(browser, server.origin, seed));
		if (OPEN_ONLY) {
			// Trying a change: the opens are all that is wanted, and nothing is written.
			console.log(JSON.stringify({ firstVisit: runs, inApp }));
			await browser.close();
			await server.stop();
			await database.remove();
			process.exit(0);
		}
		console.log(`journey bench (${driver}): ${EDITS} edits, one every ${EDIT_INTERVAL_MS} ms…`);
		const edits = await editRun(last, server.origin, seed);
		await last.context().close();
		console.log(`journey bench (${driver}): the register…`);
		const register = await registerRun(browser, server.origin, seed);
		return {
			driver,
			map: { stages: seed.stages, lanes: seed.lanes, cards: seed.cards },
			open: {
				runs: runs.map((r) => ({
					fcp: round(r.fcp),
					painted: round(r.painted),
					tti: round(r.tti),
					responseStart: round(r.responseStart),
					domContentLoaded: round(r.domContentLoaded),
					longTasks: r.longTasks,
					cardsDrawn: r.cardsDrawn,
					scriptMs: r.scriptMs,
					styleMs: r.styleMs,
					layoutMs: r.layoutMs,
					tasksMs: r.tasksMs
				})),
				fcpMs: round(median(runs.map((r) => r.fcp))),
				paintedMs: round(median(runs.map((r) => r.painted))),
				ttiMs: round(median(runs.map((r) => r.tti)))
			},
			inApp: {
				runs: inApp.map((r) => ({ ...r, painted: round(r.painted), tti: round(r.tti) })),
				paintedMs: round(median(inApp.map((r) => r.painted))),
				ttiMs: round(median(inApp.map((r) => r.tti)))
			},
			edits,
			register
		};
	} finally {
		await browser?.close();
		await server?.stop();
		await database.remove();
	}
}

const adminUrl = process.env.DATABASE_URL?.trim() || undefined;
const runs: DriverRun[] = [];
for (const driver of adminUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const))
	runs.push(await benchDriver(driver, adminUrl));

const met = (run: DriverRun) => ({
	open: run.inApp.ttiMs < GOALS.openMs,
	openFirstVisit: run.open.ttiMs < GOALS.openMs,
	editToScreen: run.edits.p95Ms < GOALS.editToScreenP95Ms,
	filter: run.register.filterMaxMs < GOALS.filterMs
});
const results = {
	date: new Date().toISOString(),
	machine: {
		cpus: cpus().length,
		cpu: cpus()[0]?.model ?? '',
		memoryGiB: Math.round(totalmem() / 2 ** 30),
		node: process.version,
		chromium: chromiumVersion
	},
	params: {
		openRuns: OPEN_RUNS,
		edits: EDITS,
		editIntervalMs: EDIT_INTERVAL_MS,
		quietWindowMs: QUIET_WINDOW_MS
	},
	goals: GOALS,
	runs: runs.map((run) => ({ ...run, met: met(run) }))
};
await mkdir(resolve(RESULTS_FILE, '..'), { recursive: true });
await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, '\t')}\n`);

const yes = (ok: boolean) => (ok ? 'met' : '**missed**');
const table = [
	'| measure | ' + runs.map((r) => r.driver).join(' | ') + ' |',
	'| --- | ' + runs.map(() => '---:').join(' | ') + ' |',
	`| map from the list in the app: cells in view drawn, ms after the click (median of ${OPEN_RUNS}) | ${runs.map((r) => r.inApp.paintedMs).join(' | ')} |`,
	`| map from the list in the app: time to interactive, ms after the click | ${runs.map((r) => r.inApp.ttiMs).join(' | ')} |`,
	`| map as a first visit: first contentful paint, ms (median of ${OPEN_RUNS}) | ${runs.map((r) => r.open.fcpMs).join(' | ')} |`,
	`| map as a first visit: cells in view drawn, ms (cards then drawn, of ${runs[0].map.cards}) | ${runs.map((r) => `${r.open.paintedMs} (${r.open.runs[0]?.cardsDrawn})`).join(' | ')} |`,
	`| map as a first visit: time to interactive, ms | ${runs.map((r) => r.open.ttiMs).join(' | ')} |`,
	`| edits from another client (1 per ${EDIT_INTERVAL_MS} ms): shown / sent | ${runs.map((r) => `${r.edits.shown} / ${r.edits.edits}`).join(' | ')} |`,
	`| edit-to-screen p50 / p95 / max, ms | ${runs.map((r) => `${r.edits.p50Ms} / ${r.edits.p95Ms} / ${r.edits.maxMs}`).join(' | ')} |`,
	`| long tasks during the edits; frames slower than 50 ms | ${runs.map((r) => `${r.edits.longTasksDuringEdits}; ${r.edits.framesOver50Ms}`).join(' | ')} |`,
	`| register: ${runs[0].register.rows} rows, first contentful paint, ms | ${runs.map((r) => r.register.firstContentfulPaintMs).join(' | ')} |`,
	`| register: navigation to rows on screen, ms | ${runs.map((r) => r.register.untilRowsMs).join(' | ')} |`,
	`| register: filter, input to painted frame, p50 / max ms (${runs[0].register.filters.length} filters) | ${runs.map((r) => `${r.register.filterP50Ms} / ${r.register.filterMaxMs}`).join(' | ')} |`
];
const verdicts = runs.map(
	(run) =>
		`- ${run.driver}: open under 1 s from the app (time to interactive ${run.inApp.ttiMs} ms): ${yes(met(run).open)}; ` +
		`as a first visit in a fresh browser (${run.open.ttiMs} ms): ${yes(met(run).openFirstVisit)}; ` +
		`edit-to-screen p95 under 50 ms (${run.edits.p95Ms} ms): ${yes(met(run).editToScreen)}; ` +
		`filtering under 100 ms (slowest ${run.register.filterMaxMs} ms): ${yes(met(run).filter)}.`
);
const section = await format(
	[
		'## Journey map and register',
		'',
		'`npm run bench:journey` (code in `bench/journey/`, raw numbers in `bench/results/journey.json`). The production',
		'build on a fresh database, seeded with one journey map of 12 stages × 10 lanes and 300 cards (240 text cards,',
		'60 touchpoint cards, experience and emotion in every stage), 2,000 touchpoints, and 19 more maps that place them,',
		'so the register derives stages, portraits and experience from 20 stored documents. Headless Chromium on the',
		'same machine, in a 1440 × 900 window. The map is opened two ways, each five times in a fresh browser',
		'context after one warm-up open: from the list of journey maps by its link, as someone working in the app',
		"does (the map page's data and code are fetched, timed from the click), and as a first visit, the address",
		'typed into a browser with nothing cached (the page and about 35 script files load). The map fills in a cell',
		'only when its stage and lane come near the screen, so "drawn" is the first frame in which every cell in the',
		'visible part of the grid is filled in (the page carries the stored document, so the grid is built without',
		'waiting for the WebSocket; the room then syncs what is newer), and',
		`"interactive" is the end of the last long task before ${QUIET_WINDOW_MS} ms without one. A y-websocket client in`,
		`Node, signed in as another member, then edits a card in the stages on screen every ${EDIT_INTERVAL_MS} ms; the page checks every frame`,
		'for the new text, so edit-to-screen is measured to the frame that shows it. Filters on the register are timed',
		'from the input event to the next painted frame.',
		'',
		`Run ${results.date.slice(0, 16).replace('T', ' ')} UTC on ${results.machine.cpus} cores (${results.machine.cpu}), ${results.machine.memoryGiB} GiB, Node ${results.machine.node}, Chromium ${results.machine.chromium}; server, browser and editing client share the machine.`,
		'',
		...table,
		'',
		...verdicts,
		''
	].join('\n'),
	{ ...(await resolveConfig(BENCHMARKS_FILE)), parser: 'markdown' }
);
let text = '';
try {
	text = await readFile(BENCHMARKS_FILE, 'utf8');
} catch {
	// no file yet
}
await writeFile(BENCHMARKS_FILE, replaceSection(text, 'Journey map and register', section));
console.log(
	JSON.stringify(
		results.runs.map(({ driver, open, edits, register }) => ({
			driver,
			open: { fcpMs: open.fcpMs, paintedMs: open.paintedMs, ttiMs: open.ttiMs },
			edits,
			register: { ...register, filters: undefined }
		})),
		null,
		2
	)
);
