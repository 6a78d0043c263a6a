import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { db } from '$lib/server/db';
import { formValues, invalidForm, runAction, runLoad } from '$lib/server/http';
import { portraitActorFromLocals } from '$lib/server/portraits/access';
import {
	linkPortraitToSession,
	mayLinkSessions,
	sessionOptions,
	unlinkPortraitFromSession
} from '$lib/server/portraits/links';
import {
	readPhotoUpload,
	removePortraitPhoto,
	uploadPortraitPhoto
} from '$lib/server/portraits/photos';
import {
	deletePortrait,
	listPortraits,
	portraitView,
	updatePortraitFields
} from '$lib/server/portraits/portraits';
import { portraitFieldsSchema } from '$lib/portraits/validation';
import { parseForm } from '$lib/validation/fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params }) => {
	const { user } = await parent();
	const actor = { kind: 'user', userId: user.id } as const;
	return runLoad(async () => {
		const view = await portraitView(db, actor, params.ws, params.id);
		const { segments } = await listPortraits(db, actor, params.ws, {
			kind: null,
			relationshipClass: null,
			segment: null
		});
		const mayLink = await mayLinkSessions(db, actor, params.ws);
		return {
			...view,
			segments,
			mayLink,
			sessions: mayLink ? await sessionOptions(db, params.ws, params.id) : []
		};
	});
};

const sessionForm = z.object({ sessionId: z.uuid({ error: 'session_unknown' }) });

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
		// A conflict echoes nothing: the page reloads with what the other editor saved.
		const result = await runAction(() =>
			updatePortraitFields(db, portraitActorFromLocals(locals), params.ws, params.id, parsed.data)
		);
		return typeof result === 'number' ? { saved: true } : result;
	},
	photo: async ({ request, locals, params }) => {
		const result = await runAction(async () =>
			uploadPortraitPhoto(
				db,
				portraitActorFromLocals(locals),
				params.ws,
				params.id,
				await readPhotoUpload(request)
			)
		);
		return typeof result === 'number' ? { photoSaved: true } : result;
	},
	removePhoto: async ({ locals, params }) =>
		runAction(() => removePortraitPhoto(db, portraitActorFromLocals(locals), params.ws, params.id)),
	link: async ({ request, locals, params }) => {
		const parsed = parseForm(sessionForm, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		return runAction(() =>
			linkPortraitToSession(
				db,
				portraitActorFromLocals(locals),
				params.ws,
				params.id,
				parsed.data.sessionId
			)
		);
	},
	unlink: async ({ request, locals, params }) => {
		const parsed = parseForm(sessionForm, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		return runAction(() =>
			unlinkPortraitFromSession(
				db,
				portraitActorFromLocals(locals),
				params.ws,
				params.id,
				parsed.data.sessionId
			)
		);
	},
	delete: async ({ locals, params }) => {
		const result = await runAction(() =>
			deletePortrait(db, portraitActorFromLocals(locals), params.ws, params.id)
		);
		if (result !== undefined) return result;
		redirect(303, `/w/${params.ws}/portraits`);
	}
};
