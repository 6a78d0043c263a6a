import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { portraitPareto } from '$lib/server/portraits/portraits';
import { parseFilters } from '$lib/portraits/validation';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params, url }) => {
	const { user } = await parent();
	const { kind } = parseFilters(url.searchParams);
	return {
		kind,
		pareto: await runLoad(() =>
			portraitPareto(db, { kind: 'user', userId: user.id }, params.ws, { kind })
		)
	};
};
