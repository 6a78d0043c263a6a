import type { DbOrTx } from '../db';
import { forbidden } from '../errors';
import type { Membership } from '../workspaces/access';
import { actorOfMembership, loadActor } from './facts';
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

/** As `requireAllowed`, for a membership this request has already loaded (null: not a member). */
export function requireAllowedMembership(
	userId: string,
	membership: Membership | null,
	action: Actions['workspace']
): Membership {
	if (!membership || !can(actorOfMembership(userId, membership), action, WORKSPACE))
		throw forbidden();
	return membership;
}
