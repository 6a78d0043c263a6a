import { isErrorCode, type ErrorCode } from '$lib/errors';

/** The result of a call to one of the session's JSON endpoints. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ErrorCode; field: string };

/**
 * Calls a session JSON endpoint (`/s/<id>/consensus`, `/s/<id>/publish`, …); a refusal comes back
 * with its stable error id, a network failure as `invalid_input`.
 */
export async function callApi<T>(
	url: string,
	method = 'GET',
	body?: unknown
): Promise<ApiResult<T>> {
	try {
		const response = await fetch(url, {
			method,
			headers:
				body === undefined
					? { accept: 'application/json' }
					: { accept: 'application/json', 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const data: unknown = await response.json();
		if (response.ok) return { ok: true, data: data as T };
		const failure =
			typeof data === 'object' && data !== null
				? (data as { error?: unknown; field?: unknown })
				: {};
		return {
			ok: false,
			error: isErrorCode(failure.error) ? failure.error : 'invalid_input',
			field: typeof failure.field === 'string' ? failure.field : 'form'
		};
	} catch {
		return { ok: false, error: 'invalid_input', field: 'form' };
	}
}

/**
 * Runs calls one after another may overtake: each resolves with its result, or with null when a
 * later call started meanwhile (answers may come back out of order; only the newest counts).
 */
export function latestOnly() {
	let calls = 0;
	return async <T>(call: () => Promise<T>): Promise<T | null> => {
		const ticket = ++calls;
		const result = await call();
		return ticket === calls ? result : null;
	};
}
