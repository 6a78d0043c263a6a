import type { ErrorCode } from '$lib/errors';

/** A rule of the domain refused the request; routes turn it into `fail()` or `error()`. */
export class DomainError extends Error {
	constructor(
		/** Stable id the UI translates. */
		readonly code: ErrorCode,
		/** HTTP status that fits. */
		readonly status: number,
		/** Form field the error belongs to, when there is one. */
		readonly field: string = 'form',
		/** Values the translated message needs, e.g. seconds to wait. */
		readonly params: Record<string, number> = {}
	) {
		super(code);
		this.name = 'DomainError';
	}
}

export const forbidden = () => new DomainError('forbidden', 403);
export const notFound = () => new DomainError('not_found', 404);
export const unauthorized = () => new DomainError('unauthorized', 401);
export const invalid = (code: ErrorCode, field = 'form') => new DomainError(code, 400, field);
export const conflict = (code: ErrorCode, field = 'form') => new DomainError(code, 409, field);

/** True for a unique-constraint violation from either driver (drizzle wraps the driver error). */
export function isUniqueViolation(error: unknown): boolean {
	for (let current: unknown = error; current;) {
		if (
			typeof current === 'object' &&
			current !== null &&
			'code' in current &&
			current.code === '23505'
		)
			return true;
		current =
			typeof current === 'object' && current !== null && 'cause' in current
				? current.cause
				: undefined;
	}
	return false;
}
