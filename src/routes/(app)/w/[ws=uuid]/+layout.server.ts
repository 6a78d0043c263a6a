import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { listUserWorkspaces } from '$lib/server/workspaces/access';
import type { LayoutServerLoad } from './$types';
import { requireAllowed } from '$lib/server/policies';

export const load: LayoutServerLoad = async ({ parent, params }) => {
	const { user } = await parent();
	const membership = await runLoad(() => requireAllowed(db, user.id, params.ws, 'read'));
	return { user, membership, workspaces: await listUserWorkspaces(db, user.id) };
};
