import type { DbOrTx } from '../db';
import { forbidden } from '../errors';
import type { Membership } from '../workspaces/access';
import { loadActor } from './facts';
import { can, type Actions, type Subject } from './policy';

/** The workspace as a subject of `can`. */
export const WORKSPACE = { type: 'workspace' } as const satisfies Subject;

/**
 * Loads the user's membership once and throws forbidden unless the policy allows `action` on the
 * workspace; returns the membership for the rest of the request.
 */
export async function requireAllowed(
	db: DbOrTx,
	userId: string,
	workspaceId: string,
	action: Actions['workspace']
): Promise<Membership> {
	const { actor, membership } = await loadActor(db, { kind: 'user', userId }, workspaceId);
	if (!membership || !can(actor, action, WORKSPACE)) throw forbidden();
	return membership;
}
