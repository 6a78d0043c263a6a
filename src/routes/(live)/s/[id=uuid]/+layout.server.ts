import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { loadSessionContext } from '$lib/server/sessions/access';
import { actorFromLocals } from '$lib/server/sessions/actor';
import { sessionCore } from '$lib/server/sessions/view';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, params, url }) => {
	if (!locals.user && !locals.guest)
		redirect(303, `/signin?redirectTo=${encodeURIComponent(url.pathname)}`);
	const actor = actorFromLocals(locals);
	return runLoad(async () => {
		const ctx = await loadSessionContext(db, actor, params.id);
		return { core: await sessionCore(db, ctx) };
	});
};
