import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { setLanguage } from '$lib/server/auth/accounts';
import { safeRedirectPath } from '$lib/server/http';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';
import { languageField } from '$lib/validation/fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	/** Switches the UI language: remembered in a cookie, and on the profile when signed in. Works without JS. */
	default: async ({ request, cookies, locals }) => {
		const form = await request.formData();
		const language = languageField.safeParse(form.get('language'));
		if (language.success) {
			cookies.set(cookieName, language.data, {
				path: '/',
				maxAge: cookieMaxAge,
				sameSite: 'lax',
				httpOnly: false
			});
			if (locals.user) await setLanguage(db, locals.user.id, language.data);
		}
		redirect(303, safeRedirectPath(form.get('redirectTo')));
	}
};
