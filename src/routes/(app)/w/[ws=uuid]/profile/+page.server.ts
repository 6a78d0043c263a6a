import { db } from '$lib/server/db';
import { signedInUser } from '$lib/server/auth/current-user';
import { changePassword, updateProfile } from '$lib/server/auth/accounts';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { readSignInSettings } from '$lib/server/auth/oidc/settings';
import { invalidForm, runAction } from '$lib/server/http';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';
import { passwordChangeSchema, profileSchema } from '$lib/validation/account';
import { parseForm } from '$lib/validation/fields';
import { remindersWanted, setRemindersWanted } from '$lib/server/mail/outbox';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	remindersWanted: await remindersWanted(db, signedInUser(locals).id)
});

export const actions: Actions = {
	mail: async ({ request, locals }) => {
		const wanted = (await request.formData()).get('reminders') === 'on';
		await setRemindersWanted(db, signedInUser(locals).id, wanted);
		return { mailSaved: true };
	},
	profile: async ({ request, locals, cookies }) => {
		const parsed = parseForm(profileSchema, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		const result = await runAction(() => updateProfile(db, signedInUser(locals).id, parsed.data));
		if (result) return result;
		cookies.set(cookieName, parsed.data.language, {
			path: '/',
			maxAge: cookieMaxAge,
			sameSite: 'lax',
			httpOnly: false
		});
		return { profileSaved: true };
	},
	password: async ({ request, locals, cookies, url }) => {
		if (!readSignInSettings().passwordSignIn)
			return invalidForm(403, { form: ['password_sign_in_disabled'] });
		const parsed = parseForm(passwordChangeSchema, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		const { currentPassword, newPassword } = parsed.data;
		const result = await runAction(() =>
			changePassword(db, signedInUser(locals).id, currentPassword, newPassword)
		);
		if (!('token' in result)) return result;
		setSessionCookie(cookies, url, result.token, result.expiresAt);
		return { passwordChanged: true };
	}
};
