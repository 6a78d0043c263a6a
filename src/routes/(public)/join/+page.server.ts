import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { isSecureOrigin } from '$lib/server/auth/cookies';
import { formValues, invalidForm, runAction } from '$lib/server/http';
import { GUEST_COOKIE, joinAsGuest } from '$lib/server/sessions/guests';
import { parseForm } from '$lib/validation/fields';
import { guestJoinSchema } from '$lib/validation/session';
import type { Actions, PageServerLoad } from './$types';

/** How long a guest stays signed in to their session. */
const GUEST_TTL_SECONDS = 2 * 24 * 60 * 60;

export const load: PageServerLoad = ({ url }) => ({ code: url.searchParams.get('code') ?? '' });

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const values = formValues(form, 'code', 'name');
		const parsed = parseForm(guestJoinSchema, form);
		if (!parsed.ok) return invalidForm(400, parsed.errors, values);
		const current = cookies.get(GUEST_COOKIE) ?? null;
		const result = await runAction(
			() => joinAsGuest(db, parsed.data.code, parsed.data.name, current),
			values
		);
		if (!('token' in result)) return result;
		cookies.set(GUEST_COOKIE, result.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: isSecureOrigin(url),
			maxAge: GUEST_TTL_SECONDS
		});
		redirect(303, result.waiting ? '/join/waiting' : `/s/${result.sessionId}`);
	}
};
