// Uploads and request bodies against the production build (node server.js, BODY_SIZE_LIMIT 9M),
// posted the way a browser posts a form, same origin: a photo with the wrong magic bytes, an SVG
// carrying script and a 100 MB photo are refused with the photo field's message and nothing is
// stored; the 100 MB one is answered before its body is sent. Text fields with a NUL byte get a
// field error, bidi overrides are cut out, 1 MB of text gets the length error: never a 500.
import http from 'node:http';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newAccount } from '../../utils/e2e-accounts';

const MiB = 1024 * 1024;
const appUrl = inject('appUrl');

/** The signed-in person's cookie, workspace and a blank portrait of theirs. */
let cookie = '';
let workspacePath = '';
let portraitPath = '';

/** A same-origin POST (the CSRF check wants the Origin), redirects not followed. */
function post(path: string, body: FormData | URLSearchParams, enhanced = true): Promise<Response> {
	return fetch(new URL(path, appUrl), {
		method: 'POST',
		body,
		redirect: 'manual',
		headers: {
			origin: new URL(appUrl).origin,
			cookie,
			// What `use:enhance` sends: the action's result comes back as JSON; else the page.
			...(enhanced
				? { 'x-sveltekit-action': 'true', accept: 'application/json' }
				: { accept: 'text/html' })
		}
	});
}

/** An enhanced action's result: its type, status and the serialized data (holding error ids). */
async function actionResult(
	response: Response
): Promise<{ type: string; status: number; data: string }> {
	const result: unknown = await response.json();
	if (typeof result !== 'object' || result === null) throw new Error('not an action result');
	return {
		type: 'type' in result ? String(result.type) : '',
		status: 'status' in result ? Number(result.status) : response.status,
		data: 'data' in result ? String(result.data) : ''
	};
}

function photoForm(bytes: BlobPart, name: string, type: string): FormData {
	const form = new FormData();
	form.set('photo', new File([bytes], name, { type }));
	return form;
}

/** The portrait's stored photo: its status (404 while there is none). */
async function photoStatus(): Promise<number> {
	const response = await fetch(new URL(`${portraitPath}/photo`, appUrl), { headers: { cookie } });
	await response.body?.cancel();
	return response.status;
}

/** The fields form of the portrait, with `changes` over valid values. */
function fieldsForm(changes: Record<string, string>): URLSearchParams {
	return new URLSearchParams({
		name: 'Busy parent',
		kind: 'customer',
		segment: '',
		relationshipClass: '',
		valueShare: '',
		revision: '0',
		...changes
	});
}

/**
 * Posts a multipart body announced as `size` bytes, sent in 1 MiB chunks as fast as the socket
 * takes them; resolves with the answer and how many bytes had been sent when it came.
 */
function postHuge(
	path: string,
	size: number,
	enhanced = true
): Promise<{ status: number; body: string; sentBeforeAnswer: number }> {
	const boundary = 'focusboard-huge-body';
	const head = Buffer.from(
		`--${boundary}\r\ncontent-disposition: form-data; name="photo"; filename="huge.png"\r\ncontent-type: image/png\r\n\r\n`
	);
	const chunk = Buffer.alloc(MiB, 0x41);
	chunk.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	return new Promise((resolve, reject) => {
		let sent = 0;
		let answered = false;
		const request = http.request(new URL(path, appUrl), {
			method: 'POST',
			headers: {
				origin: new URL(appUrl).origin,
				cookie,
				...(enhanced
					? { 'x-sveltekit-action': 'true', accept: 'application/json' }
					: { accept: 'text/html' }),
				'content-type': `multipart/form-data; boundary=${boundary}`,
				'content-length': String(size)
			}
		});
		request.on('error', (error) => {
			if (!answered) reject(error);
		});
		request.on('response', (response) => {
			answered = true;
			const sentBeforeAnswer = sent;
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (text: string) => (body += text));
			response.on('end', () => {
				request.destroy();
				resolve({ status: response.statusCode ?? 0, body, sentBeforeAnswer });
			});
		});
		const pump = () => {
			while (!answered && sent < size) {
				const part = sent === 0 ? head : chunk.subarray(0, Math.min(MiB, size - sent));
				sent += part.length;
				if (!request.write(part)) return void request.once('drain', pump);
			}
			if (!answered) request.end();
		};
		pump();
	});
}

describe.skipIf(!appUrl)('uploads and bodies against the production server', () => {
	beforeAll(async () => {
		const account = newAccount('bodies');
		const signUp = await post(
			'/signup',
			new URLSearchParams({
				workspaceName: account.workspaceName,
				name: account.name,
				email: account.email,
				password: account.password
			}),
			false
		);
		expect(signUp.status).toBe(303);
		cookie = signUp.headers
			.getSetCookie()
			.map((line) => line.split(';')[0])
			.join('; ');
		workspacePath = signUp.headers.get('location') ?? '';
		const created = await post(
			`${workspacePath}/portraits/new`,
			new URLSearchParams({ start: 'blank', name: 'Busy parent', kind: 'customer' }),
			false
		);
		expect(created.status).toBe(303);
		portraitPath = created.headers.get('location') ?? '';
		expect(portraitPath).toMatch(/\/portraits\/[0-9a-f-]{36}$/);
	});

	it('refuses a photo whose bytes are not an image and an SVG carrying script, storing nothing', async () => {
		const lying = await actionResult(
			await post(`${portraitPath}?/photo`, photoForm('GIF89a not a png', 'photo.png', 'image/png'))
		);
		expect(lying).toMatchObject({ type: 'failure', status: 415 });
		expect(lying.data).toContain('photo_type_unsupported');
		const svg =
			'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>';
		const scripted = await actionResult(
			await post(`${portraitPath}?/photo`, photoForm(svg, 'photo.svg', 'image/svg+xml'))
		);
		expect(scripted).toMatchObject({ type: 'failure', status: 415 });
		expect(scripted.data).toContain('photo_type_unsupported');
		expect(await photoStatus()).toBe(404);
	});

	it('answers a 100 MB photo with the photo’s size message before the body is sent, storing nothing', async () => {
		const answer = await postHuge(`${portraitPath}?/photo`, 100 * MiB);
		// An enhanced action answers 200 with the action's result, here a failure.
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body)).toMatchObject({ type: 'failure', status: 413 });
		expect(answer.body).toContain('photo_too_large');
		expect(answer.sentBeforeAnswer).toBeLessThan(20 * MiB);
		expect(await photoStatus()).toBe(404);
		// Without JavaScript the page itself says so, next to the file field.
		const page = await post(
			`${portraitPath}?/photo`,
			photoForm(new Uint8Array(3 * MiB), 'big.png', 'image/png'),
			false
		);
		expect(page.status).toBe(413);
		expect(await page.text()).toContain('The image is larger than 2 MB');
		// The refused body was read off the connection: the next requests on it still work.
		for (let attempt = 0; attempt < 3; attempt++) expect(await photoStatus()).toBe(404);
	});

	it('refuses a body over the server’s limit to any form action with 413 and a page that says why, before the body is sent', async () => {
		const answer = await postHuge(`${portraitPath}?/update`, 100 * MiB);
		expect(answer.status).toBe(413);
		expect(JSON.parse(answer.body)).toMatchObject({ type: 'error' });
		expect(answer.sentBeforeAnswer).toBeLessThan(20 * MiB);
		// The error page the form then shows (as it is without JavaScript) says what happened.
		const page = await postHuge(`${portraitPath}?/update`, 100 * MiB, false);
		expect(page.status).toBe(413);
		expect(page.body).toContain('larger than Focusboard accepts');
		expect(page.sentBeforeAnswer).toBeLessThan(20 * MiB);
	});

	it('still reads an 8 MiB session import (it is checked as a file, not refused as a body)', async () => {
		const form = new FormData();
		form.set('file', new File([new Uint8Array(8 * MiB).fill(0x78)], 'session.json'));
		const result = await actionResult(await post(`${workspacePath}/sessions/import`, form));
		expect(result.type).toBe('failure');
		expect(result.status).toBe(400);
		expect(result.data).toMatch(/import_not_json|import_invalid|import_wrong_format/);
	});

	it('gives text fields with a NUL byte a field error, cuts bidi overrides out and gives 1 MB of text the length error', async () => {
		const nul = await actionResult(
			await post(`${portraitPath}?/update`, fieldsForm({ name: 'Busy\u0000parent' }))
		);
		expect(nul).toMatchObject({ type: 'failure', status: 400 });
		expect(nul.data).toContain('text_invalid_characters');
		const withoutJs = await post(
			`${portraitPath}?/update`,
			fieldsForm({ segment: 'Fam\u0000ilies' }),
			false
		);
		expect(withoutJs.status).toBe(400);
		expect(await withoutJs.text()).toContain('This text holds control characters');

		const long = await actionResult(
			await post(`${portraitPath}?/update`, fieldsForm({ name: 'x'.repeat(MiB) }))
		);
		expect(long).toMatchObject({ type: 'failure', status: 400 });
		expect(long.data).toContain('name_too_long');

		const spoofed = await actionResult(
			await post(
				`${portraitPath}?/update`,
				fieldsForm({ name: 'Ann\u202etnerap\u202c \u200fשלום' })
			)
		);
		expect(spoofed.type).toBe('success');
		const page = await (await fetch(new URL(portraitPath, appUrl), { headers: { cookie } })).text();
		expect(page).toContain('Anntnerap \u200fשלום');
		expect(page).not.toContain('\u202e');

		const list = await fetch(new URL(`${workspacePath}/portraits?segment=%00`, appUrl), {
			headers: { cookie }
		});
		expect(list.status).toBe(200);
		await list.body?.cancel();
	});
});
