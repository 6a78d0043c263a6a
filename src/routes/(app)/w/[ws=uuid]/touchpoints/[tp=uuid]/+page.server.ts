import { db } from '$lib/server/db';
import { formText, runAction, runLoad } from '$lib/server/http';
import { signedInUser } from '$lib/server/auth/current-user';
import { buildRegister } from '$lib/server/touchpoints/register';
import { getTouchpoint, listOwnerChoices } from '$lib/server/touchpoints/touchpoints';
import { recentComments, touchpointFigures } from '$lib/server/voice/figures';
import { createAction, listActions, setActionStatus } from '$lib/server/voice/actions';
import { estimateCompetitor, listCompetitorEstimates } from '$lib/server/voice/competitors';
import { questionnaireSettings } from '$lib/server/voice/input';
import { listInterviews, recordInterview } from '$lib/server/voice/interviews';
import { assessTouchpoint, staffView } from '$lib/server/voice/self-assessment';
import { gapOf } from '$lib/voice/model';
import {
	closeQuestionnaire,
	openQuestionnaire,
	touchpointQuestionnaire
} from '$lib/server/voice/questionnaires';
import type { Actions, PageServerLoad } from './$types';
import { actorOfMembership, can, requireAllowed, WORKSPACE } from '$lib/server/policies';

export const load: PageServerLoad = ({ locals, params, url }) =>
	runLoad(async () => {
		const user = signedInUser(locals);
		const membership = await requireAllowed(db, user.id, params.ws, 'read');
		const touchpoint = await getTouchpoint(db, user.id, params.ws, params.tp);
		const register = await buildRegister(db, user.id, params.ws);
		const questionnaire = await touchpointQuestionnaire(db, user.id, params.ws, params.tp);
		const figures = await touchpointFigures(db, params.tp);
		const staff = await staffView(db, params.tp, user.id);
		return {
			touchpoint,
			placement: register.rows.find((row) => row.id === touchpoint.id) ?? null,
			owners: await listOwnerChoices(db, user.id, params.ws),
			canEdit: can(actorOfMembership(user.id, membership), 'editContent', WORKSPACE),
			questionnaire,
			answerUrl: questionnaire ? `${url.origin}/q/${questionnaire.token}` : null,
			figures,
			staff,
			gap: gapOf(figures.mean, staff.mean),
			actions: await listActions(db, user.id, params.ws, params.tp),
			interviews: await listInterviews(db, user.id, params.ws, params.tp),
			competitors: await listCompetitorEstimates(db, user.id, params.ws, params.tp),
			comments: await recentComments(db, user.id, params.ws, params.tp)
		};
	});

export const actions: Actions = {
	openQuestionnaire: async ({ locals, params, request }) => {
		const user = signedInUser(locals);
		const form = await request.formData();
		return runAction(async () => {
			await openQuestionnaire(db, user.id, params.ws, params.tp, questionnaireSettings(form));
			return { opened: true };
		});
	},
	createAction: async ({ locals, params, request }) => {
		const user = signedInUser(locals);
		const form = await request.formData();
		const text = (name: string) => formText(form, name);
		return runAction(async () => {
			await createAction(db, user.id, params.ws, params.tp, {
				title: text('title'),
				criterion: text('criterion'),
				ownerId: text('ownerId'),
				dueOn: text('dueOn')
			});
			return { actionCreated: true };
		});
	},
	actionStatus: async ({ locals, params, request }) => {
		const user = signedInUser(locals);
		const form = await request.formData();
		return runAction(async () => {
			await setActionStatus(
				db,
				user.id,
				params.ws,
				params.tp,
				formText(form, 'id'),
				formText(form, 'status')
			);
			return { actionUpdated: true };
		});
	},
	estimateCompetitor: async ({ locals, params, request }) => {
		const user = signedInUser(locals);
		const form = await request.formData();
		const text = (name: string) => formText(form, name);
		return runAction(async () => {
			await estimateCompetitor(db, user.id, params.ws, params.tp, {
				competitor: text('competitor'),
				criterion: text('criterion'),
				estimate: text('estimate'),
				source: text('source')
			});
			return { competitorEstimated: true };
		});
	},
	recordInterview: async ({ locals, params, request }) => {
		const user = signedInUser(locals);
		const form = await request.formData();
		const text = (name: string) => formText(form, name);
		return runAction(async () => {
			await recordInterview(db, user.id, params.ws, params.tp, {
				kind: text('kind'),
				heldOn: text('heldOn'),
				participants: text('participants'),
				thanked: form.get('thanked') === 'on',
				summary: text('summary'),
				quotes: text('quotes'),
				criteria: form.getAll('criteria').map(String),
				level: text('level')
			});
			return { interviewRecorded: true };
		});
	},
	assess: async ({ locals, params, request }) => {
		const user = signedInUser(locals);
		const form = await request.formData();
		return runAction(async () => {
			await assessTouchpoint(db, user.id, params.ws, params.tp, {
				level: formText(form, 'level'),
				comment: formText(form, 'comment')
			});
			return { assessed: true };
		});
	},
	closeQuestionnaire: async ({ locals, params }) => {
		const user = signedInUser(locals);
		return runAction(async () => {
			await closeQuestionnaire(db, user.id, params.ws, params.tp);
			return { closed: true };
		});
	}
};
