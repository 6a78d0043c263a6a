import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { formValues, invalidForm, runAction, runLoad } from '$lib/server/http';
import { portraitActorFromLocals, requireWorkspaceMember } from '$lib/server/portraits/access';
import { createPortrait } from '$lib/server/portraits/portraits';
import { newPortraitSchema } from '$lib/portraits/validation';
import { parseForm } from '$lib/validation/fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params }) => {
	const { user } = await parent();
	await runLoad(() =>
		requireWorkspaceMember(db, { kind: 'user', userId: user.id }, params.ws, { editing: true })
	);
	return {};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = formValues(form, 'start', 'name', 'kind', 'language');
		const parsed = parseForm(newPortraitSchema, form);
		if (!parsed.ok) return invalidForm(400, parsed.errors, values);
		const result = await runAction(
			() => createPortrait(db, portraitActorFromLocals(locals), params.ws, parsed.data),
			values
		);
		if (typeof result !== 'string') return result;
		redirect(303, `/w/${params.ws}/portraits/${result}`);
	}
};
