import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/** Every page of the app needs a signed-in user; the services below check the role again. */
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.user) redirect(303, `/signin?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	return { user: locals.user };
};
