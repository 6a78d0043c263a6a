import { DomainError, unauthorized } from '../errors';

/**
 * The signed-in member of a request, for every page, action and endpoint of a workspace. A guest
 * of a session (who sees nothing but that session) is refused with 403, a stranger with 401.
 */
export function signedInUser(locals: App.Locals): NonNullable<App.Locals['user']> {
	if (locals.user) return locals.user;
	if (locals.guest) throw new DomainError('guest_only_session', 403);
	throw unauthorized();
}
