import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { formValues, runAction } from '$lib/server/http';
import { hashClientAddress } from '$lib/server/auth/client-address';
import { getLocale } from '$lib/paraglide/runtime';
import { submitAnswer } from '$lib/server/voice/answers';
import { answerRate } from '$lib/server/voice/answer-rate';
import { questionnaireCache } from '$lib/server/voice/questionnaire-cache';
import { publicQuestionnaire } from '$lib/server/voice/questionnaires';
import { CRITERIA } from '$lib/voice/model';
import type { Actions, PageServerLoad } from './$types';

// A customer's phone on a slow connection gets a small server-rendered page and no script.
export const csr = false;

const TEXT_FIELDS = ['level', 'expected', 'comment', 'contactName', 'contactAddress'] as const;

async function questionnaireOf(token: string) {
	const questionnaire = await questionnaireCache.read(token, (t) => publicQuestionnaire(db, t));
	if (!questionnaire) error(404, { message: 'not_found', code: 'not_found' });
	return questionnaire;
}

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const questionnaire = await questionnaireOf(params.token);
	setHeaders({ 'cache-control': 'no-store' });
	return {
		touchpointName: questionnaire.subject,
		criteria: questionnaire.criteria,
		askContact: questionnaire.askContact,
		open: questionnaire.open
	};
};

export const actions: Actions = {
	default: async ({ params, request, getClientAddress }) => {
		const questionnaire = await questionnaireOf(params.token);
		const form = await request.formData();
		const text = (name: string) => {
			const value = form.get(name);
			return typeof value === 'string' ? value : '';
		};
		const values = formValues(
			form,
			...TEXT_FIELDS,
			'contact',
			...CRITERIA.map((c) => `rating_${c}`)
		);
		const result = await runAction(
			() =>
				submitAnswer(
					db,
					questionnaire,
					{
						level: text('level'),
						ratings: Object.fromEntries(CRITERIA.map((c) => [c, text(`rating_${c}`)])),
						expected: text('expected'),
						comment: text('comment'),
						contact: text('contact') === 'on',
						contactName: text('contactName'),
						contactAddress: text('contactAddress'),
						language: getLocale(),
						honeypot: text('website')
					},
					{ addressHash: hashClientAddress(getClientAddress()), limit: answerRate }
				),
			values
		);
		if (typeof result !== 'string') return result;
		return { thanks: true };
	}
};
