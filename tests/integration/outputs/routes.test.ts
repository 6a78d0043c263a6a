// The outputs routes called the way SvelteKit calls them, against the process's real sync server
// (the documents are read and written through it): a layout's check does not cover endpoints or
// actions, so each is tried with guests, strangers and members who may not.
import { describe, expect, it } from 'vitest';
import { syncSessionDocs } from '$lib/server/outputs';
import type { SessionActor } from '$lib/server/sessions/access';
import * as outputsPage from '../../../src/routes/(app)/w/[ws=uuid]/sessions/[id=uuid]/outputs/+page.server';
import * as reportPage from '../../../src/routes/(app)/w/[ws=uuid]/sessions/[id=uuid]/report/+page.server';
import * as markdownEndpoint from '../../../src/routes/(app)/w/[ws=uuid]/sessions/[id=uuid]/report.md/+server';
import * as definitionsEndpoint from '../../../src/routes/(app)/w/[ws=uuid]/sessions/[id=uuid]/definitions.csv/+server';
import * as criteriaEndpoint from '../../../src/routes/(app)/w/[ws=uuid]/sessions/[id=uuid]/criteria.csv/+server';
import * as exportEndpoint from '../../../src/routes/(app)/w/[ws=uuid]/sessions/[id=uuid]/export.json/+server';
import * as importPage from '../../../src/routes/(app)/w/[ws=uuid]/sessions/import/+page.server';
import { outputsWorld, wholeSession, type World } from './world';

function locals(actor: SessionActor | null): App.Locals {
	if (!actor) return { user: null, sessionToken: null, guest: null };
	if (actor.kind === 'guest') return { user: null, sessionToken: null, guest: actor };
	return {
		user: { id: actor.userId, name: actor.name, email: 'x@example.test', language: 'en' },
		sessionToken: null,
		guest: null
	};
}

/** A SvelteKit event with the fields these handlers read. */
function event<E>(
	actor: SessionActor | null,
	params: Record<string, string>,
	init?: RequestInit
): E {
	const request = new Request('http://localhost/w/x', init);
	const user = locals(actor).user;
	return {
		request,
		locals: locals(actor),
		params,
		url: new URL(request.url),
		parent: () => Promise.resolve({ user })
	} as unknown as E;
}

const endpoints = {
	markdown: markdownEndpoint,
	definitions: definitionsEndpoint,
	criteria: criteriaEndpoint,
	export: exportEndpoint
};

async function get(
	name: keyof typeof endpoints,
	world: World,
	actor: SessionActor | null,
	workspaceId = world.workspaceId
) {
	return endpoints[name].GET(event(actor, { ws: workspaceId, id: world.sessionId }));
}

function importForm(text: string | null, publish = false): RequestInit {
	const body = new FormData();
	if (text !== null)
		body.set('file', new File([text], 'session.json', { type: 'application/json' }));
	if (publish) body.set('publish', 'on');
	return { method: 'POST', body };
}

let shared: World | undefined;
async function world(): Promise<World> {
	if (!shared) {
		shared = await outputsWorld('partial', syncSessionDocs);
		await wholeSession(shared);
	}
	return shared;
}

describe('the outputs downloads', () => {
	it('refuse guests, strangers, and members who are not in the session', async () => {
		const w = await world();
		for (const name of Object.keys(endpoints) as (keyof typeof endpoints)[]) {
			await expect(get(name, w, w.actors.gina)).rejects.toMatchObject({ status: 403 });
			await expect(get(name, w, null)).rejects.toMatchObject({ status: 401 });
			await expect(get(name, w, w.actors.olga)).rejects.toMatchObject({ status: 403 });
			await expect(get(name, w, w.actors.stranger)).rejects.toMatchObject({ status: 403 });
			// The session exists, but not in the stranger's own workspace.
			await expect(
				get(name, w, w.actors.stranger, w.accounts.stranger.workspaceId)
			).rejects.toMatchObject({ status: 404 });
		}
	});

	it('give a participant the report as Markdown and the tables as CSV, never cached', async () => {
		const w = await world();
		const markdown = await get('markdown', w, w.actors.alice);
		expect(markdown.status).toBe(200);
		expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
		expect(markdown.headers.get('cache-control')).toBe('private, no-store');
		expect(markdown.headers.get('content-disposition')).toBe(
			`attachment; filename="Customer-focus-2026-partners.md"; filename*=UTF-8''Customer-focus-2026-partners.md`
		);
		const text = await markdown.text();
		expect(text).toContain('## Criteria and dot voting');
		expect(text).toContain('| 1 | Says what the customer gets | 4 | ✓ |');

		const definitions = await get('definitions', w, w.actors.alice);
		expect(definitions.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const bytes = new Uint8Array(await definitions.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csv = new TextDecoder().decode(bytes);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil.test"") customers first, always",Security,,`);
		// Partial anonymity: a participant gets no authors.
		expect(csv).not.toContain('Alice Andreeva');

		const criteria = await (await get('criteria', w, w.actors.alice)).text();
		expect(criteria.split('\r\n').slice(0, 4)).toEqual([
			// Response.text() decodes UTF-8 and drops the byte-order mark (checked in bytes above).
			'Place,Criterion,Dots,Winner',
			'1,Says what the customer gets,4,yes',
			'2,Short enough to remember,2,yes',
			"3,'@Covers internal customers,1,"
		]);
	});

	it('give the export to the facilitator only', async () => {
		const w = await world();
		await expect(get('export', w, w.actors.alice)).rejects.toMatchObject({ status: 403 });
		await expect(get('export', w, w.actors.cora)).rejects.toMatchObject({ status: 403 });
		const response = await get('export', w, w.actors.fay);
		expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(
			/^attachment; filename="Customer-focus-2026-partners-\d{4}-\d{2}-\d{2}\.focusboard\.json"/
		);
		const file = JSON.parse(await response.text()) as {
			format: string;
			documents: Record<string, string>;
		};
		expect(file.format).toBe('focusboard.session/1');
		expect(file.documents.board).toEqual(expect.any(String));
	});
});

describe('the outputs pages', () => {
	it('show the outputs and the print layout to participants, and the export link to those who may', async () => {
		const w = await world();
		const params = { ws: w.workspaceId, id: w.sessionId };
		await expect(outputsPage.load(event(w.actors.alice, params))).resolves.toMatchObject({
			mayExport: false
		});
		await expect(outputsPage.load(event(w.actors.fay, params))).resolves.toMatchObject({
			mayExport: true
		});
		await expect(outputsPage.load(event(w.actors.olga, params))).rejects.toMatchObject({
			status: 403
		});
		const page = await reportPage.load(event(w.actors.bob, params));
		expect((page?.report as { winners: string[] } | undefined)?.winners).toEqual([
			'Says what the customer gets',
			'Short enough to remember'
		]);
		await expect(reportPage.load(event(w.actors.stranger, params))).rejects.toMatchObject({
			status: 403
		});
	});
});

describe('the import form', () => {
	it('imports a file for an admin of the target workspace and opens its outputs', async () => {
		const w = await world();
		const text = await (await get('export', w, w.actors.fay)).text();
		const target = w.accounts.stranger.workspaceId;
		await expect(importPage.load(event(w.actors.stranger, { ws: target }))).resolves.toMatchObject({
			maxMegabytes: 8
		});
		await expect(
			importPage.actions.default(event(w.actors.stranger, { ws: target }, importForm(text)))
		).rejects.toMatchObject({
			status: 303,
			location: expect.stringMatching(new RegExp(`^/w/${target}/sessions/[0-9a-f-]{36}/outputs$`))
		});
	});

	it('says what is wrong with a file, and refuses members', async () => {
		const w = await world();
		const ws = { ws: w.workspaceId };
		await expect(importPage.load(event(w.actors.alice, ws))).rejects.toMatchObject({ status: 403 });
		await expect(
			importPage.actions.default(event(w.actors.alice, ws, importForm('{}')))
		).rejects.toMatchObject({ status: 403 });
		await expect(
			importPage.actions.default(event(w.actors.gina, ws, importForm('{}')))
		).rejects.toMatchObject({ status: 403 });
		await expect(
			importPage.actions.default(event(w.actors.fay, ws, importForm(null)))
		).resolves.toMatchObject({
			status: 400,
			data: { errors: { file: ['import_file_required'] } }
		});
		await expect(
			importPage.actions.default(
				event(w.actors.fay, ws, importForm('{"format":"focusboard.session/0"}'))
			)
		).resolves.toMatchObject({
			status: 400,
			data: { errors: { file: ['import_wrong_format'] }, detail: 'focusboard.session/0' }
		});
		const text = await (await get('export', w, w.actors.fay)).text();
		const broken = text.replace('"budget": 3', '"budget": 0');
		await expect(
			importPage.actions.default(event(w.actors.fay, ws, importForm(broken)))
		).resolves.toMatchObject({
			status: 400,
			data: {
				errors: { file: ['import_invalid'] },
				detail: expect.stringMatching(/^votes\.0\.budget/)
			}
		});
		await expect(
			importPage.actions.default(
				event(w.actors.fay, ws, importForm('x'.repeat(8 * 1024 * 1024 + 1)))
			)
		).resolves.toMatchObject({
			status: 413,
			data: { errors: { file: ['import_too_large'] } }
		});
	});
});
