import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { newTouchpointSchema } from '$lib/touchpoints/model';
import { db } from '$lib/server/db';
import { formValues, invalidForm, runAction, runLoad } from '$lib/server/http';
import { signedInUser } from '$lib/server/auth/current-user';
import { buildRegister } from '$lib/server/touchpoints/register';
import { createTouchpoint, listOwnerChoices } from '$lib/server/touchpoints/touchpoints';
import { parseForm } from '$lib/validation/fields';
import { workspaceStageActions } from '$lib/server/voice/stage-actions';
import type { Actions, PageServerLoad } from './$types';
import { actorOfMembership, can, requireAllowed, WORKSPACE } from '$lib/server/policies';

export const load: PageServerLoad = ({ locals, params }) =>
	runLoad(async () => {
		const user = signedInUser(locals);
		const membership = await requireAllowed(db, user.id, params.ws, 'read');
		return {
			register: await buildRegister(db, user.id, params.ws),
			owners: await listOwnerChoices(db, user.id, params.ws),
			// Improvement actions on journey stages (a touchpoint's own are on its page).
			stageActions: await workspaceStageActions(db, user.id, params.ws),
			canEdit: can(actorOfMembership(user.id, membership), 'editContent', WORKSPACE)
		};
	});

const createForm = newTouchpointSchema.extend({
	ownerId: z
		.string()
		.trim()
		.transform((value) => value || null)
		.pipe(z.uuid({ error: 'owner_unknown' }).nullable())
		.optional()
});

export const actions: Actions = {
	/** Creates a touchpoint from the register page, then opens it to write its rule. */
	create: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = formValues(form, 'name', 'type', 'kind', 'channel', 'ownerId');
		const result = await runAction(async () => {
			const user = signedInUser(locals);
			const parsed = parseForm(createForm, form);
			if (!parsed.ok) return invalidForm(400, parsed.errors, values);
			return (await createTouchpoint(db, user.id, params.ws, parsed.data)).id;
		}, values);
		if (typeof result !== 'string') return result;
		redirect(303, `/w/${params.ws}/touchpoints/${result}`);
	}
};
