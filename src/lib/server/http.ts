import { error, fail, json, type ActionFailure } from '@sveltejs/kit';
import type { ZodType, output } from 'zod';
import { isErrorCode, type ErrorCode, type FieldErrors } from '$lib/errors';
import { cleanInput } from '$lib/validation/fields';
import { DomainError } from './errors';

/** What a failed form action returns: field errors with stable ids, and the values to refill. */
export type FormFailure = {
	errors: FieldErrors;
	params?: Record<string, number>;
	values?: Record<string, string>;
};

/** A failed form action with field errors. */
export function invalidForm(status: number, errors: FieldErrors, values?: Record<string, string>) {
	return fail(status, { errors, values } satisfies FormFailure);
}

/** Runs a form action's service call; a DomainError becomes `fail()` with its field error. */
export async function runAction<T>(
	work: () => Promise<T>,
	values?: Record<string, string>
): Promise<T | ActionFailure<FormFailure>> {
	try {
		return await work();
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		if (err.status === 403 || err.status === 404)
			error(err.status, { message: err.code, code: err.code });
		return fail(err.status, { errors: { [err.field]: [err.code] }, params: err.params, values });
	}
}

/** Runs a load's service call; a DomainError becomes the matching error page. */
export async function runLoad<T>(work: () => T | Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (err) {
		if (err instanceof DomainError) error(err.status, { message: err.code, code: err.code });
		throw err;
	}
}

/** A form field's text; a missing field or a file is ''. */
export function formText(form: FormData, field: string): string {
	const value = form.get(field);
	return typeof value === 'string' ? value : '';
}

/** Form values to echo back after a failure; passwords are never echoed. */
export function formValues(form: FormData, ...fields: string[]): Record<string, string> {
	const values: Record<string, string> = {};
	for (const field of fields) {
		const value = form.get(field);
		if (typeof value === 'string') values[field] = value;
	}
	return values;
}

/** A same-site path to go back to after sign-in or a language change; anything else becomes `/`. */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined): string {
	if (
		typeof value !== 'string' ||
		!value.startsWith('/') ||
		value.startsWith('//') ||
		value.includes('\\')
	)
		return '/';
	return value;
}

/** Body of a JSON error answer from an endpoint. */
export type JsonFailure = { error: ErrorCode; field: string; params?: Record<string, number> };

/**
 * Runs a JSON endpoint's work; a DomainError becomes `{ error, field }` with its status.
 * Only `application/json` bodies are read, so a cross-site form cannot post here without CORS.
 */
export async function runEndpoint(work: () => unknown): Promise<Response> {
	try {
		const result = await work();
		return json(result ?? { ok: true });
	} catch (err) {
		if (err instanceof DomainError)
			return json({ error: err.code, field: err.field, params: err.params } satisfies JsonFailure, {
				status: err.status
			});
		throw err;
	}
}

/**
 * Parses a JSON request body with a schema; refuses other content types, bad shapes and control
 * characters in any string (bidi controls are cut out: see cleanInput).
 */
export async function readJson<T extends ZodType>(request: Request, schema: T): Promise<output<T>> {
	if (!request.headers.get('content-type')?.startsWith('application/json'))
		throw new DomainError('invalid_input', 415);
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		throw new DomainError('invalid_input', 400);
	}
	const cleaned = cleanInput(body);
	if (!cleaned.ok) throw new DomainError('text_invalid_characters', 400, cleaned.field);
	const result = schema.safeParse(cleaned.value);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	const code = isErrorCode(issue?.message) ? issue.message : 'invalid_input';
	throw new DomainError(code, 400, String(issue?.path[0] ?? 'form'));
}
