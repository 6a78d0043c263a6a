import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { rememberClientAddress } from '$lib/server/auth/known-addresses';
import { readSignInSettings } from '$lib/server/auth/oidc/settings';
import { DomainError } from '$lib/server/errors';
import { formValues, invalidForm, runAction } from '$lib/server/http';
import { acceptInvite, describeInvite, signUpWithInvite } from '$lib/server/workspaces/invites';
import { getLocale } from '$lib/paraglide/runtime';
import { inviteSignUpSchema } from '$lib/validation/account';
import { parseForm } from '$lib/validation/fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const { passwordSignIn } = readSignInSettings();
	try {
		return { invite: await describeInvite(db, params.token), problem: null, passwordSignIn };
	} catch (error) {
		if (error instanceof DomainError) return { invite: null, problem: error.code, passwordSignIn };
		throw error;
	}
};

export const actions: Actions = {
	/** A signed-in user joins the workspace. */
	accept: async ({ params, locals }) => {
		if (!locals.user) redirect(303, `/signin?redirectTo=/invite/${params.token}`);
		const userId = locals.user.id;
		const result = await runAction(() => acceptInvite(db, params.token, userId));
		if (typeof result !== 'string') return result;
		redirect(303, `/w/${result}`);
	},
	/** A new person creates an account through the invite. */
	signup: async ({ params, request, cookies, url, getClientAddress }) => {
		if (!readSignInSettings().passwordSignIn)
			return invalidForm(403, { form: ['password_sign_in_disabled'] });
		const form = await request.formData();
		const values = formValues(form, 'name', 'email');
		const parsed = parseForm(inviteSignUpSchema, form);
		if (!parsed.ok) return invalidForm(400, parsed.errors, values);
		const result = await runAction(
			() => signUpWithInvite(db, params.token, { ...parsed.data, language: getLocale() }),
			values
		);
		if (!('token' in result)) return result;
		await rememberClientAddress(db, result.userId, getClientAddress());
		setSessionCookie(cookies, url, result.token, result.expiresAt);
		redirect(303, `/w/${result.workspaceId}`);
	}
};
