import { db } from '$lib/server/db';
import { formValues, invalidForm, runAction, runLoad } from '$lib/server/http';
import { portraitActorOf } from '$lib/server/portraits/access';
import { sessionPortrait } from '$lib/server/portraits/links';
import { updatePortraitFields } from '$lib/server/portraits/portraits';
import { actorFromLocals } from '$lib/server/sessions/actor';
import { portraitFieldsSchema } from '$lib/portraits/validation';
import { parseForm } from '$lib/validation/fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) =>
	runLoad(async () => {
		const actor = actorFromLocals(locals);
		const { portrait, mayEdit, journeyMaps } = await sessionPortrait(
			db,
			actor,
			params.id,
			params.portraitId
		);
		// Editors here are the guest themself or the signed-in member; carets and the local copy are keyed by them.
		const editorId = actor.kind === 'guest' ? actor.participantId : actor.userId;
		return { portrait, mayEdit, journeyMaps, editor: { id: editorId, name: actor.name } };
	});

export const actions: Actions = {
	update: async ({ request, locals, params }) => {
		const form = await request.formData();
		const parsed = parseForm(portraitFieldsSchema, form);
		if (!parsed.ok)
			return invalidForm(
				400,
				parsed.errors,
				formValues(form, 'name', 'kind', 'segment', 'relationshipClass', 'valueShare')
			);
		const result = await runAction(async () => {
			const actor = actorFromLocals(locals);
			// The portrait must be linked to this session, and the actor belong in it.
			const { ctx } = await sessionPortrait(db, actor, params.id, params.portraitId);
			return updatePortraitFields(
				db,
				portraitActorOf(actor),
				ctx.session.workspaceId,
				params.portraitId,
				parsed.data
			);
		});
		return typeof result === 'number' ? { saved: true } : result;
	}
};
