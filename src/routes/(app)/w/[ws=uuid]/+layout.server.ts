import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { listUserWorkspaces, requireRole } from '$lib/server/workspaces/access';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ parent, params }) => {
	const { user } = await parent();
	const membership = await runLoad(() => requireRole(db, user.id, params.ws));
	return { user, membership, workspaces: await listUserWorkspaces(db, user.id) };
};
