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

export const roleField = z.enum(['admin', 'facilitator', 'member', 'reader'], { error: 'role_unknown' });

/** An optional department id from a form select: empty means none. */
export const departmentField = z
	.string()
	.trim()
	.transform((value) => value || null)
	.pipe(z.uuid({ error: 'department_unknown' }).nullable());

/**
 * Parses form data with a schema; returns the data or field errors with stable error ids.
 * Fields named in `arrays` are read as lists (repeated inputs, e.g. checkboxes).
 */
export function parseForm<T extends z.ZodType>(
	schema: T,
	form: FormData,
	arrays: string[] = []
): { ok: true; data: z.output<T> } | { ok: false; errors: FieldErrors } {
	const input: Record<string, string | string[]> = {};
	for (const [key, value] of form) if (typeof value === 'string' && !arrays.includes(key)) input[key] = value;
	for (const key of arrays) input[key] = form.getAll(key).filter((value) => typeof value === 'string');
	const result = schema.safeParse(input);
	if (result.success) return { ok: true, data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		const code: ErrorCode = isErrorCode(issue.message) ? issue.message : 'invalid_input';
		(errors[field] ??= []).push(code);
	}
	return { ok: false, errors };
}
