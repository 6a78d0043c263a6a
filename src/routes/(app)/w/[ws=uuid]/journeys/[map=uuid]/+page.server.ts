import { redirect } from '@sveltejs/kit';
import { signedInUser } from '$lib/server/auth/current-user';
import { z } from 'zod';
import { mapTitleSchema } from '$lib/journeys/model';
import { db } from '$lib/server/db';
import { formText, formValues, invalidForm, runAction, runLoad } from '$lib/server/http';
import {
	deleteMap,
	linkableSessions,
	linkedSessions,
	linkMapToSession,
	openMap,
	renameMap,
	setMapLocked,
	unlinkMapFromSession
} from '$lib/server/journeys/maps';
import { loadMapUpdate } from '$lib/server/journeys/documents';
import { journeyRoomName } from '$lib/server/journeys/rooms';
import { listOwnerChoices, mapTouchpoints } from '$lib/server/touchpoints/touchpoints';
import { parseForm } from '$lib/validation/fields';
import { questionnaireSettings } from '$lib/server/voice/input';
import {
	closeStageQuestionnaire,
	mapVoice,
	openStageQuestionnaire,
	stageQuestionnaires
} from '$lib/server/voice/stage-questionnaires';
import {
	createStageAction,
	listStageActions,
	setStageActionStatus
} from '$lib/server/voice/stage-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) =>
	runLoad(async () => {
		const user = signedInUser(locals);
		const { map, access } = await openMap(db, user.id, params.ws, params.map);
		return {
			map,
			access,
			roomName: journeyRoomName(map),
			// The stored document, so the grid is drawn before the room syncs (base64: inlined as an
			// array of numbers, the bytes would take three and a half times the space).
			initialUpdate: Buffer.from(await loadMapUpdate(db, map)).toString('base64'),
			// What the server's clock reads, so the page stamps values with it (journeys/clock.ts).
			serverNow: Date.now(),
			userId: user.id,
			touchpoints: await mapTouchpoints(db, user.id, map),
			owners: await listOwnerChoices(db, user.id, params.ws),
			sessions: await linkedSessions(db, user.id, params.ws, params.map),
			linkable: access.canManage ? await linkableSessions(db, user.id, params.ws) : [],
			// Customer answers the map counts for its measured levels (figures only), and each stage's
			// own questionnaire.
			voice: await mapVoice(db, user.id, params.ws, params.map),
			stageQuestionnaires: await stageQuestionnaires(db, user.id, params.ws, params.map),
			stageActions: await listStageActions(db, user.id, params.ws, params.map),
			origin: url.origin
		};
	});

const lockForm = z.object({
	locked: z.enum(['true', 'false']).transform((value) => value === 'true')
});
const sessionForm = z.object({ sessionId: z.uuid({ error: 'session_unknown' }) });
const stageOf = (form: FormData) => formText(form, 'stageId');

export const actions: Actions = {
	rename: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = formValues(form, 'title');
		return runAction(async () => {
			const user = signedInUser(locals);
			const parsed = parseForm(mapTitleSchema, form);
			if (!parsed.ok) return invalidForm(400, parsed.errors, values);
			await renameMap(db, user.id, params.ws, params.map, parsed.data.title);
			return { renamed: true };
		}, values);
	},
	lock: async ({ request, locals, params }) => {
		const form = await request.formData();
		return runAction(async () => {
			const user = signedInUser(locals);
			const parsed = parseForm(lockForm, form);
			if (!parsed.ok) return invalidForm(400, parsed.errors);
			await setMapLocked(db, user.id, params.ws, params.map, parsed.data.locked);
			return { locked: parsed.data.locked };
		});
	},
	delete: async ({ locals, params }) => {
		const result = await runAction(async () => {
			await deleteMap(db, signedInUser(locals).id, params.ws, params.map);
			return null;
		});
		if (result) return result;
		redirect(303, `/w/${params.ws}/journeys`);
	},
	link: async ({ request, locals, params }) => {
		const form = await request.formData();
		return runAction(async () => {
			const user = signedInUser(locals);
			const parsed = parseForm(sessionForm, form);
			if (!parsed.ok) return invalidForm(400, parsed.errors);
			await linkMapToSession(db, user.id, params.ws, params.map, parsed.data.sessionId);
			return { linked: parsed.data.sessionId };
		});
	},
	unlink: async ({ request, locals, params }) => {
		const form = await request.formData();
		return runAction(async () => {
			const user = signedInUser(locals);
			const parsed = parseForm(sessionForm, form);
			if (!parsed.ok) return invalidForm(400, parsed.errors);
			await unlinkMapFromSession(db, user.id, params.ws, params.map, parsed.data.sessionId);
			return { unlinked: parsed.data.sessionId };
		});
	},
	openStageQuestionnaire: async ({ request, locals, params }) => {
		const form = await request.formData();
		return runAction(async () => {
			const user = signedInUser(locals);
			const stageId = stageOf(form);
			await openStageQuestionnaire(
				db,
				user.id,
				params.ws,
				params.map,
				stageId,
				questionnaireSettings(form)
			);
			return { stageQuestionnaireOpened: stageId };
		});
	},
	createStageAction: async ({ request, locals, params }) => {
		const form = await request.formData();
		const text = (name: string) => formText(form, name);
		return runAction(async () => {
			const user = signedInUser(locals);
			await createStageAction(db, user.id, params.ws, params.map, stageOf(form), {
				title: text('title'),
				criterion: text('criterion'),
				ownerId: text('ownerId'),
				dueOn: text('dueOn')
			});
			return { stageActionCreated: true };
		});
	},
	stageActionStatus: async ({ request, locals, params }) => {
		const form = await request.formData();
		return runAction(async () => {
			const user = signedInUser(locals);
			await setStageActionStatus(
				db,
				user.id,
				params.ws,
				params.map,
				formText(form, 'id'),
				formText(form, 'status')
			);
			return { stageActionUpdated: true };
		});
	},
	closeStageQuestionnaire: async ({ request, locals, params }) => {
		const form = await request.formData();
		return runAction(async () => {
			const user = signedInUser(locals);
			const stageId = stageOf(form);
			await closeStageQuestionnaire(db, user.id, params.ws, params.map, stageId);
			return { stageQuestionnaireClosed: stageId };
		});
	}
};
