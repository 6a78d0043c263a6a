// The reader pages (`/w/<ws>/definition` and `/definition/v/<n>`) as rendered HTML, kept in
// memory per session and served by server.js before SvelteKit, with no database round trip. The
// morning a definition is announced, hundreds of people open the same page within minutes; reading
// and rendering it for each costs far more than sending it.
//
// Exact invalidation. A kept page depends on rows of six tables (the session, the user, their
// memberships and their workspaces' names, the workspace's publications, the user's
// acknowledgements). Triggers on those tables (drizzle/0005_reader_pages_notify.sql) NOTIFY every
// process at commit whose pages to drop: 'u:<user>', 'w:<workspace>' or '*'. So a sign-out, a
// removal, a role change, a deactivation (any change to the membership or user row), an
// acknowledgement or a new version drops the pages before the writer's request answers:
// - PGlite calls the listener before the notifying query returns;
// - on PostgreSQL a dedicated connection listens, so every request that may have written (any
//   method but GET and HEAD, and any response that sets a cookie) waits, before it answers,
//   until a NOTIFY it sends itself comes back: notifications arrive in commit order, so every
//   change it made has been applied to this process's pages by then (`settle`).
// Other instances get the same notifications within the time the database takes to deliver them
// (usually well under a millisecond); see BENCHMARKS.md. Until the process listens, and whenever
// its listening connection is re-established, nothing is served and everything kept is dropped.
//
// A page rendered from rows read before a change but kept after its notification would be stale:
// pages are kept only when no notification arrived between the start of the request and the
// render's end (`epoch`).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { SESSION_COOKIE } from '../auth/cookies';
import { SESSION_RENEW_MS, sessionIdOfToken } from '../auth/session';

/** The NOTIFY channel of drizzle/0005_reader_pages_notify.sql. */
export const READER_PAGES_CHANNEL = 'reader_pages';

/** `/w/<uuid>/definition` or `/w/<uuid>/definition/v/<n>`; group 1 is the workspace id. */
export const READER_PAGE_PATH =
	/^\/w\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/definition(?:\/v\/[1-9]\d{0,8})?$/i;

/** The cookie paraglide reads the language from (strategy: cookie, then Accept-Language). */
const LOCALE_COOKIE = 'PARAGLIDE_LOCALE';
const MAX_ENTRIES = 5_000;
const MAX_BYTES = 128 * 1024 * 1024;
/** How long `settle` waits for its own notification before it drops every kept page instead. */
const SETTLE_TIMEOUT_MS = 2_000;

type Entry = {
	userId: string;
	workspaceId: string;
	/** When the session is due for renewal (ms): from then on SvelteKit answers and renews it. */
	renewAt: number;
	etag: string | null;
	headers: [string, string][];
	body: Buffer;
};

/** The value of the first cookie called `name` in a Cookie header, undecoded. */
export function cookieValue(header: string | undefined | null, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const at = part.indexOf('=');
		if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
	}
	return undefined;
}

/** What a page is kept under: the session, the path and the raw inputs of the page's language. */
export type PageRequest = {
	path: string;
	cookieHeader: string | undefined | null;
	acceptLanguage: string | undefined | null;
};

/** The key of a request's page; undefined when it carries no well-formed session cookie. */
function pageKey({ path, cookieHeader, acceptLanguage }: PageRequest): string | undefined {
	const sessionId = sessionIdOfToken(cookieValue(cookieHeader, SESSION_COOKIE) ?? '');
	if (!sessionId) return undefined;
	const locale = cookieValue(cookieHeader, LOCALE_COOKIE) ?? '';
	return `${sessionId}\n${path}\n${locale}\n${acceptLanguage ?? ''}`;
}

/** What the rendered page was rendered for. */
export type RenderedFor = {
	userId: string;
	workspaceId: string;
	sessionExpiresAt: Date;
	/** `epoch` when the request started, before any of its rows were read. */
	epoch: number;
};

/** Kept pages, the least recently used dropped first beyond MAX_ENTRIES or MAX_BYTES. */
export class ReaderPageCache {
	#entries = new Map<string, Entry>();
	#bytes = 0;
	#listening = false;
	#epoch = 0;
	#settling = new Map<string, () => void>();

	/** Counts the notifications applied; a page is kept only if it did not move during its render. */
	get epoch() {
		return this.#epoch;
	}

	get size() {
		return this.#entries.size;
	}

	/** Starts (or, after a reconnection, restarts) serving with nothing kept. */
	listening() {
		this.#dropAll();
		this.#listening = true;
	}

	/** Applies one notification of the channel. */
	changed(payload: string) {
		const waiter = this.#settling.get(payload);
		if (waiter) {
			this.#settling.delete(payload);
			waiter();
			return;
		}
		this.#epoch += 1;
		if (payload.startsWith('u:')) this.#dropWhere((entry) => entry.userId === payload.slice(2));
		else if (payload.startsWith('w:'))
			this.#dropWhere((entry) => entry.workspaceId === payload.slice(2));
		else this.#dropAll();
	}

	/**
	 * Resolves once every change committed before the call has been applied here: sends a
	 * notification of its own and waits for it to come back (they arrive in commit order). When it
	 * does not come back in time, or cannot be sent, every kept page is dropped instead.
	 */
	async settle(db: DbOrTx): Promise<void> {
		if (!this.#listening) return;
		const token = `settle:${randomUUID()}`;
		let timer: NodeJS.Timeout | undefined;
		const back = new Promise<boolean>((done) => {
			this.#settling.set(token, () => done(true));
			timer = setTimeout(() => done(false), SETTLE_TIMEOUT_MS);
		});
		try {
			await db.execute(sql`select pg_notify(${READER_PAGES_CHANNEL}, ${token})`);
			if (!(await back)) this.#dropAll();
		} catch {
			this.#dropAll();
		} finally {
			clearTimeout(timer);
			this.#settling.delete(token);
		}
	}

	/** The page kept for a request, if any. */
	find(request: PageRequest, now = Date.now()): Entry | undefined {
		if (!this.#listening || this.#entries.size === 0) return undefined;
		const key = pageKey(request);
		if (key === undefined) return undefined;
		const entry = this.#entries.get(key);
		if (!entry) return undefined;
		this.#entries.delete(key);
		if (entry.renewAt <= now) {
			this.#bytes -= entry.body.length;
			return undefined;
		}
		this.#entries.set(key, entry);
		return entry;
	}

	/**
	 * Keeps a reader page SvelteKit has just rendered when it is a plain 200 HTML page that sets no
	 * cookie and no change arrived since its request started; returns the response to send.
	 */
	async keep(request: PageRequest, renderedFor: RenderedFor, response: Response) {
		const type = response.headers.get('content-type') ?? '';
		const key = pageKey(request);
		if (
			key === undefined ||
			!this.#listening ||
			response.status !== 200 ||
			!type.startsWith('text/html') ||
			response.headers.has('set-cookie')
		)
			return response;
		const body = Buffer.from(await response.arrayBuffer());
		if (this.#epoch === renderedFor.epoch) {
			const headers: [string, string][] = [];
			response.headers.forEach((value, name) => {
				if (!NOT_KEPT.has(name)) headers.push([name, value]);
			});
			this.#set(key, {
				userId: renderedFor.userId,
				workspaceId: renderedFor.workspaceId,
				renewAt: renderedFor.sessionExpiresAt.getTime() - SESSION_RENEW_MS,
				etag: response.headers.get('etag'),
				headers,
				body
			});
		}
		return new Response(body, { status: 200, headers: response.headers });
	}

	#set(key: string, entry: Entry) {
		this.#drop(key);
		this.#entries.set(key, entry);
		this.#bytes += entry.body.length;
		while (this.#entries.size > MAX_ENTRIES || this.#bytes > MAX_BYTES) {
			const oldest = this.#entries.keys().next();
			if (oldest.done) break;
			this.#drop(oldest.value);
		}
	}

	#drop(key: string) {
		const entry = this.#entries.get(key);
		if (!entry) return;
		this.#entries.delete(key);
		this.#bytes -= entry.body.length;
	}

	#dropWhere(test: (entry: Entry) => boolean) {
		for (const [key, entry] of this.#entries) if (test(entry)) this.#drop(key);
	}

	#dropAll() {
		this.#epoch += 1;
		this.#entries.clear();
		this.#bytes = 0;
	}
}

/** Headers a kept page does not repeat: the length is the body's, the date is the server's. */
const NOT_KEPT = new Set([
	'content-length',
	'date',
	'connection',
	'keep-alive',
	'transfer-encoding'
]);

/** The process's kept reader pages. */
export const readerPages = new ReaderPageCache();

/** Starts applying the database's notifications to `cache`; until then it serves nothing. */
export function listenForReaderPageChanges(
	cache: ReaderPageCache,
	listen: (
		channel: string,
		onNotify: (payload: string) => void,
		onListen: () => void
	) => Promise<void>
): Promise<void> {
	return listen(
		READER_PAGES_CHANNEL,
		(payload) => cache.changed(payload),
		() => cache.listening()
	);
}

/**
 * The fast path server.js puts in front of SvelteKit: sends the kept page of a GET to a reader
 * page and returns true, or returns false for SvelteKit to answer.
 */
export function serveReaderPage(
	cache: ReaderPageCache,
	request: IncomingMessage,
	response: ServerResponse
): boolean {
	if (request.method !== 'GET' || !request.url || !READER_PAGE_PATH.test(request.url)) return false;
	const entry = cache.find({
		path: request.url,
		cookieHeader: request.headers.cookie,
		acceptLanguage: request.headers['accept-language']
	});
	if (!entry) return false;
	for (const [name, value] of entry.headers) response.setHeader(name, value);
	if (entry.etag && request.headers['if-none-match'] === entry.etag) {
		response.statusCode = 304;
		response.end();
		return true;
	}
	response.statusCode = 200;
	response.setHeader('content-length', entry.body.length);
	response.end(entry.body);
	return true;
}
