import { redirect } from '@sveltejs/kit';
import { signedInUser } from '$lib/server/auth/current-user';
import { newMapSchema } from '$lib/journeys/model';
import { getLocale } from '$lib/paraglide/runtime';
import { db } from '$lib/server/db';
import { formValues, invalidForm, runAction, runLoad } from '$lib/server/http';
import { createMap, listMaps, listPortraitChoices } from '$lib/server/journeys/maps';
import { parseForm } from '$lib/validation/fields';
import type { Actions, PageServerLoad } from './$types';
import { actorOfMembership, can, requireAllowed, WORKSPACE } from '$lib/server/policies';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const load: PageServerLoad = ({ locals, params, url }) =>
	runLoad(async () => {
		const user = signedInUser(locals);
		const membership = await requireAllowed(db, user.id, params.ws, 'read');
		const portraitId = url.searchParams.get('portrait') ?? '';
		return {
			maps: await listMaps(db, user.id, params.ws, UUID.test(portraitId) ? { portraitId } : {}),
			portraits: await listPortraitChoices(db, user.id, params.ws),
			portraitId: UUID.test(portraitId) ? portraitId : '',
			canCreate: can(actorOfMembership(user.id, membership), 'editContent', WORKSPACE)
		};
	});

export const actions: Actions = {
	/** Creates a map of a portrait with the default stages and lanes, then opens it. */
	create: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = formValues(form, 'title', 'portraitId');
		const result = await runAction(async () => {
			const user = signedInUser(locals);
			const parsed = parseForm(newMapSchema, form);
			if (!parsed.ok) return invalidForm(400, parsed.errors, values);
			return createMap(db, user.id, params.ws, parsed.data, getLocale());
		}, values);
		if (typeof result !== 'string') return result;
		redirect(303, `/w/${params.ws}/journeys/${result}`);
	}
};
