import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { isEditingRole } from '$lib/server/portraits/access';
import { listPortraits } from '$lib/server/portraits/portraits';
import { parseFilters } from '$lib/portraits/validation';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params, url }) => {
	const { user, membership } = await parent();
	const filters = parseFilters(url.searchParams);
	const list = await runLoad(() =>
		listPortraits(db, { kind: 'user', userId: user.id }, params.ws, filters)
	);
	return { ...list, filters, mayCreate: isEditingRole(membership.role) };
};
