import { z } from 'zod';
import { isErrorCode, type ErrorCode, type FieldErrors } from '$lib/errors';
import { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, languages } from './limits';

export { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, languages } from './limits';
export type { Language } from './limits';

const commonPasswords = new Set([
	'password123',
	'1234567890',
	'qwertyuiop',
	'qwerty1234',
	'iloveyou12',
	'password12',
	'0987654321',
	'1111111111',
	'abcdefghij',
	'letmein123'
]);

export const emailField = z
	.string({ error: 'email_invalid' })
	.trim()
	.toLowerCase()
	.max(254, { error: 'email_invalid' })
	.pipe(z.email({ error: 'email_invalid' }));

export const nameField = z
	.string({ error: 'name_required' })
	.trim()
	.min(1, { error: 'name_required' })
	.max(NAME_MAX, { error: 'name_too_long' });

export const passwordField = z
	.string({ error: 'password_weak' })
	.max(PASSWORD_MAX, { error: 'password_too_long' })
	.refine((value) => value.length >= PASSWORD_MIN, { error: 'password_weak' })
	.refine((value) => new Set(value).size >= 4 && !commonPasswords.has(value.toLowerCase()), {
		error: 'password_weak'
	});

export const languageField = z.enum(languages, { error: 'language_unknown' });

export const roleField = z.enum(['admin', 'facilitator', 'member', 'reader'], {
	error: 'role_unknown'
});

/** An optional department id from a form select: empty means none. */
export const departmentField = z
	.string()
	.trim()
	.transform((value) => value || null)
	.pipe(z.uuid({ error: 'department_unknown' }).nullable());

/**
 * Control characters no text we store may hold: NUL (PostgreSQL refuses it in text) and the other
 * C0 controls and DEL, which nobody types; tab, line feed and carriage return are text.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). They are
 * invisible and reorder the text after them up to the end of the line it is shown in, so a name
 * holding one can disguise itself and the sentence around it. None of our languages needs them
 * typed: they are cut out. The marks (U+200E, U+200F, U+061C) stay: Hebrew or Arabic text uses
 * them, and they reorder nothing beyond their neighbours.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** True when `text` holds a control character we refuse (see CONTROL_CHARACTERS). */
export function hasControlCharacters(text: string): boolean {
	return CONTROL_CHARACTERS.test(text);
}

/**
 * `text` with every refused control character and bidi control cut out: for text that reaches us
 * inside a shared document rather than a form, where refusing is no longer possible.
 */
export function withoutControlCharacters(text: string): string {
	return withoutBidiControls(text.replace(new RegExp(CONTROL_CHARACTERS.source, 'g'), ''));
}

/** `text` with the bidi embeddings, overrides and isolates cut out. */
export function withoutBidiControls(text: string): string {
	return text.replace(BIDI_CONTROLS, '');
}

/**
 * Checks every string in a request's input, as parsed from a form or JSON, before any schema
 * sees it: bidi controls are cut out, a control character is refused. Returns the cleaned input,
 * or the top-level field that holds a refused character. Walks without recursion, so deeply
 * nested JSON cannot overflow the stack.
 */
export function cleanInput(
	input: unknown
): { ok: true; value: unknown } | { ok: false; field: string } {
	const root = { value: input };
	const pending: {
		holder: Record<string, unknown> | unknown[];
		key: string | number;
		field: string;
	}[] = [{ holder: root, key: 'value', field: 'form' }];
	for (let item = pending.pop(); item; item = pending.pop()) {
		const { holder, key, field } = item;
		const value: unknown = Array.isArray(holder) ? holder[Number(key)] : holder[String(key)];
		if (typeof value === 'string') {
			if (hasControlCharacters(value)) return { ok: false, field };
			const cleaned = withoutBidiControls(value);
			if (cleaned === value) continue;
			if (Array.isArray(holder)) holder[Number(key)] = cleaned;
			else holder[String(key)] = cleaned;
		} else if (Array.isArray(value)) {
			value.forEach((_, index) => pending.push({ holder: value, key: index, field }));
		} else if (isRecord(value)) {
			const top = holder === root;
			for (const name of Object.keys(value))
				pending.push({ holder: value, key: name, field: top ? name : field });
		}
	}
	return { ok: true, value: root.value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

/**
 * Parses form data with a schema; returns the data or field errors with stable error ids.
 * Fields named in `arrays` are read as lists (repeated inputs, e.g. checkboxes). Every value is
 * checked first (cleanInput): a control character is a `text_invalid_characters` error on its field.
 */
export function parseForm<T extends z.ZodType>(
	schema: T,
	form: FormData,
	arrays: string[] = []
): { ok: true; data: z.output<T> } | { ok: false; errors: FieldErrors } {
	const input: Record<string, string | string[]> = {};
	for (const [key, value] of form)
		if (typeof value === 'string' && !arrays.includes(key)) input[key] = value;
	for (const key of arrays)
		input[key] = form.getAll(key).filter((value) => typeof value === 'string');
	const cleaned = cleanInput(input);
	if (!cleaned.ok) return { ok: false, errors: { [cleaned.field]: ['text_invalid_characters'] } };
	const result = schema.safeParse(cleaned.value);
	if (result.success) return { ok: true, data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		const code: ErrorCode = isErrorCode(issue.message) ? issue.message : 'invalid_input';
		(errors[field] ??= []).push(code);
	}
	return { ok: false, errors };
}
