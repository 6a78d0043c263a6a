import { unauthorized } from '../errors';
import type { SessionActor } from './access';

/** The session actor of a request: the signed-in member, else the guest, else refused. */
export function actorFromLocals(locals: App.Locals): SessionActor {
	if (locals.user) return { kind: 'user', userId: locals.user.id, name: locals.user.name };
	if (locals.guest) return locals.guest;
	throw unauthorized();
}
