import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { listUserWorkspaces } from '$lib/server/workspaces/access';
import type { LayoutServerLoad } from './$types';
import { requireAllowed, requireAllowedMembership } from '$lib/server/policies';

export const load: LayoutServerLoad = async ({ parent, params, locals }) => {
	const { user } = await parent();
	// The hooks read the membership and the workspace list with the session, in one query.
	const loaded = locals.workspaceRequest;
	if (loaded?.workspaceId === params.ws && loaded.user.id === user.id) {
		const membership = await runLoad(() =>
			requireAllowedMembership(user.id, loaded.membership, 'read')
		);
		return { user, membership, workspaces: loaded.workspaces };
	}
	const membership = await runLoad(() => requireAllowed(db, user.id, params.ws, 'read'));
	return { user, membership, workspaces: await listUserWorkspaces(db, user.id) };
};
