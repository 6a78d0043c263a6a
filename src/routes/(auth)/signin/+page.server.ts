import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { signIn } from '$lib/server/auth/accounts';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { readSignInSettings } from '$lib/server/auth/oidc/settings';
import { formValues, invalidForm, runAction, safeRedirectPath } from '$lib/server/http';
import { isErrorCode } from '$lib/errors';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';
import { signInSchema } from '$lib/validation/account';
import { parseForm } from '$lib/validation/fields';
import type { Actions, PageServerLoad } from './$types';

/** Why a company sign-in came back refused (`?error=` from /signin/oidc/callback), if it did. */
function companySignInError(value: string | null) {
	if (!isErrorCode(value)) return null;
	return value.startsWith('oidc_') ||
		value === 'password_sign_in_disabled' ||
		value === 'account_deactivated'
		? value
		: null;
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectPath(url.searchParams.get('redirectTo')));
	const settings = readSignInSettings();
	return {
		signedOut: url.searchParams.has('signedOut'),
		companySignIn: settings.oidc !== null,
		passwordSignIn: settings.passwordSignIn,
		companyError: companySignInError(url.searchParams.get('error'))
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		if (!readSignInSettings().passwordSignIn)
			return invalidForm(403, { form: ['password_sign_in_disabled'] });
		const form = await request.formData();
		const values = formValues(form, 'email');
		const parsed = parseForm(signInSchema, form);
		if (!parsed.ok) return invalidForm(400, parsed.errors, values);
		const credentials = { ...parsed.data, clientAddress: getClientAddress() };
		const result = await runAction(() => signIn(db, credentials), values);
		if (!('token' in result)) return result;
		setSessionCookie(cookies, url, result.token, result.expiresAt);
		cookies.set(cookieName, result.language, {
			path: '/',
			maxAge: cookieMaxAge,
			sameSite: 'lax',
			httpOnly: false
		});
		redirect(303, safeRedirectPath(url.searchParams.get('redirectTo')));
	}
};
