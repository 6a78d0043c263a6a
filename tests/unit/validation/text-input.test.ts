// Every text a form or JSON body carries is checked before its schema: control characters (NUL
// above all, which PostgreSQL refuses in text) are a field error, bidi embeddings, overrides and
// isolates are cut out, the marks stay; 1 MB of text is the field's length error.
import { describe, expect, it } from 'vitest';
import { newPortraitSchema, parseFilters, portraitFieldsSchema } from '$lib/portraits/validation';
import { readJson } from '$lib/server/http';
import { signUpSchema } from '$lib/validation/account';
import { cleanInput, parseForm } from '$lib/validation/fields';
import { stageKeys } from '$lib/sessions/stages';
import { createSessionSchema, ownDefinitionSchema, stagesSchema } from '$lib/validation/session';

function form(values: Record<string, string>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(values)) data.set(key, value);
	return data;
}

const signUp = {
	name: 'Elena Petrova',
	email: 'elena@northwind.example',
	password: 'correct horse battery',
	workspaceName: 'Northwind Clinics'
};

const portrait = {
	name: 'Busy parent',
	kind: 'customer',
	segment: 'Families',
	relationshipClass: '',
	valueShare: '',
	revision: '3'
};

const MEGABYTE_OF_TEXT = 'ж'.repeat(1024 * 1024);

describe('text in forms', () => {
	it.each([
		['a NUL byte', 'Elena\u0000Petrova'],
		['a NUL byte alone', '\u0000'],
		['a bell', 'Elena\u0007'],
		['an escape sequence', '\u001b[31mElena'],
		['DEL', 'Elena\u007f']
	])('refuses %s with a field error on its field', (_, name) => {
		expect(parseForm(signUpSchema, form({ ...signUp, name }))).toEqual({
			ok: false,
			errors: { name: ['text_invalid_characters'] }
		});
		expect(parseForm(portraitFieldsSchema, form({ ...portrait, segment: name }))).toEqual({
			ok: false,
			errors: { segment: ['text_invalid_characters'] }
		});
	});

	it('refuses a control character in a repeated field and in a password', () => {
		const session = form({ title: 'Strategy', goal: '', scheduledOn: '', anonymity: 'partial' });
		session.append('participantIds', crypto.randomUUID());
		session.append('participantIds', '\u0000');
		expect(parseForm(createSessionSchema, session, ['participantIds'])).toEqual({
			ok: false,
			errors: { participantIds: ['text_invalid_characters'] }
		});
		expect(
			parseForm(signUpSchema, form({ ...signUp, password: 'correct\u0000horse battery' }))
		).toEqual({ ok: false, errors: { password: ['text_invalid_characters'] } });
	});

	it('keeps tabs, line breaks and the right-to-left and left-to-right marks', () => {
		const text = 'Line one\r\n\tLine two\nשלום\u200f (he)\u200e – Фирма «Север»';
		expect(parseForm(ownDefinitionSchema, form({ text, roleTag: '' }))).toEqual({
			ok: true,
			data: { text, roleTag: '' }
		});
	});

	it('cuts out bidi embeddings, overrides and isolates, so a name cannot reorder what follows it', () => {
		const spoofed = 'Ann\u202egnp.exe\u202c \u2067Admin\u2069 \u202aa\u202bb\u202dc';
		const result = parseForm(signUpSchema, form({ ...signUp, name: spoofed }));
		expect(result).toEqual({
			ok: true,
			data: { ...signUp, name: 'Anngnp.exe Admin abc' }
		});
	});

	it('gives 1 MB of text the field’s length error', () => {
		expect(parseForm(signUpSchema, form({ ...signUp, name: MEGABYTE_OF_TEXT }))).toEqual({
			ok: false,
			errors: { name: ['name_too_long'] }
		});
		expect(parseForm(ownDefinitionSchema, form({ text: MEGABYTE_OF_TEXT }))).toEqual({
			ok: false,
			errors: { text: ['text_too_long'] }
		});
		expect(
			parseForm(
				createSessionSchema,
				form({ title: 'T', goal: MEGABYTE_OF_TEXT, scheduledOn: '', anonymity: 'partial' })
			)
		).toEqual({ ok: false, errors: { goal: ['text_too_long'] } });
		expect(parseForm(newPortraitSchema, form({ start: 'blank', name: MEGABYTE_OF_TEXT }))).toEqual({
			ok: false,
			errors: { name: ['name_too_long'] }
		});
	});
});

describe('text in JSON bodies', () => {
	it('names the top-level field that holds a control character, however deep', () => {
		expect(cleanInput({ rules: { always: ['fine', 'bad\u0000'] }, explanation: 'ok' })).toEqual({
			ok: false,
			field: 'rules'
		});
		expect(cleanInput('\u0000')).toEqual({ ok: false, field: 'form' });
	});

	it('cuts bidi controls out of strings in arrays and objects, leaving other values alone', () => {
		expect(
			cleanInput({
				stages: [{ key: 'own', title: 'O\u202ene', skipped: false }],
				at: 3,
				none: null
			})
		).toEqual({
			ok: true,
			value: { stages: [{ key: 'own', title: 'One', skipped: false }], at: 3, none: null }
		});
	});

	it('are refused by readJson with a field error when a string holds a control character', async () => {
		const request = (body: unknown) =>
			new Request('http://app.test/definitions', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		await expect(
			readJson(request({ text: 'Nine\u0000' }), ownDefinitionSchema)
		).rejects.toMatchObject({ code: 'text_invalid_characters', status: 400, field: 'text' });
		await expect(
			readJson(request({ text: '\u202eNine parents', roleTag: 'Sales\u2069' }), ownDefinitionSchema)
		).resolves.toEqual({ text: 'Nine parents', roleTag: 'Sales' });
	});

	it('walks JSON nested 100,000 levels deep without overflowing the stack', () => {
		const deep = JSON.parse(`${'['.repeat(100_000)}"x\\u0000"${']'.repeat(100_000)}`);
		expect(cleanInput({ text: deep })).toEqual({ ok: false, field: 'text' });
	});
});

describe('stage titles, read from JSON inside a form field', () => {
	const stages = (title: string) =>
		stageKeys.map((key, index) => ({ key, title: index === 0 ? title : null, skipped: false }));

	it('refuse a control character and cut bidi controls out', () => {
		const nul = stagesSchema.safeParse(stages('Own\u0000'));
		expect(nul.success ? [] : nul.error.issues.map((issue) => issue.message)).toEqual([
			'text_invalid_characters'
		]);
		expect(stagesSchema.parse(stages('\u202eOwn words'))[0]).toEqual({
			key: stageKeys[0],
			title: 'Own words',
			skipped: false
		});
	});
});

describe('portrait list filters', () => {
	it('ignore a segment holding a control character and cut bidi controls out of one', () => {
		expect(parseFilters(new URLSearchParams({ segment: 'Fam\u0000ilies' })).segment).toBeNull();
		expect(parseFilters(new URLSearchParams({ segment: '\u202eFamilies' })).segment).toBe(
			'Families'
		);
	});
});
