import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { db } from '$lib/server/db';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { rememberClientAddress } from '$lib/server/auth/known-addresses';
import { DomainError } from '$lib/server/errors';
import { invalidForm, runAction } from '$lib/server/http';
import { claimAccount, describeAccountClaim } from '$lib/server/staff/claims';
import { parseForm, passwordField } from '$lib/validation/fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	try {
		return { claim: await describeAccountClaim(db, params.token), problem: null };
	} catch (error) {
		if (error instanceof DomainError) return { claim: null, problem: error.code };
		throw error;
	}
};

const claimSchema = z.object({ password: passwordField });

export const actions: Actions = {
	default: async ({ params, request, cookies, url, getClientAddress }) => {
		const parsed = parseForm(claimSchema, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		const result = await runAction(() => claimAccount(db, params.token, parsed.data.password));
		if (!('token' in result)) return result;
		await rememberClientAddress(db, result.userId, getClientAddress());
		setSessionCookie(cookies, url, result.token, result.expiresAt);
		redirect(303, `/w/${result.workspaceId}`);
	}
};
