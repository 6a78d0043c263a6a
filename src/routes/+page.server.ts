import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { listUserWorkspaces } from '$lib/server/workspaces/access';
import type { PageServerLoad } from './$types';

/** The start page: a signed-in user goes to their first workspace, anyone else to sign-in. */
export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user) redirect(303, '/signin');
	const [first] = await listUserWorkspaces(db, locals.user.id);
	redirect(303, first ? `/w/${first.id}` : '/signup');
};
