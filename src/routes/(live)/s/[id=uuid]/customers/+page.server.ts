import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { sessionCustomers } from '$lib/server/portraits/links';
import { actorFromLocals } from '$lib/server/sessions/actor';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) =>
	runLoad(async () => {
		const { portraits, journeyMaps } = await sessionCustomers(
			db,
			actorFromLocals(locals),
			params.id
		);
		return { portraits, journeyMaps };
	});
