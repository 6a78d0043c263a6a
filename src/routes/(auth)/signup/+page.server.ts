import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { signUpWithWorkspace } from '$lib/server/auth/accounts';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { rememberClientAddress } from '$lib/server/auth/known-addresses';
import { readSignInSettings } from '$lib/server/auth/oidc/settings';
import { formValues, invalidForm, runAction } from '$lib/server/http';
import { getLocale } from '$lib/paraglide/runtime';
import { signUpSchema } from '$lib/validation/account';
import { parseForm } from '$lib/validation/fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/');
	if (!readSignInSettings().passwordSignIn) redirect(303, '/signin');
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		if (!readSignInSettings().passwordSignIn)
			return invalidForm(403, { form: ['password_sign_in_disabled'] });
		const form = await request.formData();
		const values = formValues(form, 'name', 'email', 'workspaceName');
		const parsed = parseForm(signUpSchema, form);
		if (!parsed.ok) return invalidForm(400, parsed.errors, values);
		const result = await runAction(
			() => signUpWithWorkspace(db, { ...parsed.data, language: getLocale() }),
			values
		);
		if (!('token' in result)) return result;
		await rememberClientAddress(db, result.userId, getClientAddress());
		setSessionCookie(cookies, url, result.token, result.expiresAt);
		redirect(303, `/w/${result.workspaceId}`);
	}
};
