import { error, redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/** Every page of the app needs a signed-in user; the services below check the role again. */
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.user && locals.guest)
		error(403, { message: 'guest_only_session', code: 'guest_only_session' });
	if (!locals.user)
		redirect(303, `/signin?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	return { user: locals.user };
};
