import { z } from 'zod';
import { db } from '$lib/server/db';
import { invalidForm, runAction, runLoad } from '$lib/server/http';
import { loadSessionContext } from '$lib/server/sessions/access';
import { actorFromLocals } from '$lib/server/sessions/actor';
import {
	arrangeStages,
	controlTimer,
	goToStage,
	markDone,
	setAnonymity,
	setGuestsAllowed,
	setLocked
} from '$lib/server/sessions/controls';
import {
	definitionsView,
	revealDefinitions,
	saveOwnDefinition,
	withdrawOwnDefinition
} from '$lib/server/sessions/definitions';
import { placeDefinitionsOnBoard } from '$lib/server/board/place';
import { bringBackParticipant, excuseParticipant, removeGuest } from '$lib/server/sessions/roster';
import { settleReclaim } from '$lib/server/sessions/reclaim';
import { anonymityModes, stageKeys } from '$lib/sessions/stages';
import { parseForm } from '$lib/validation/fields';
import { ownDefinitionSchema, stagesSchema, timerSchema } from '$lib/validation/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) =>
	runLoad(async () => {
		const ctx = await loadSessionContext(db, actorFromLocals(locals), params.id);
		return { definitions: await definitionsView(db, ctx) };
	});

const participantForm = z.object({ participantId: z.uuid({ error: 'participant_unknown' }) });
const flag = z.object({ value: z.enum(['true', 'false']).transform((value) => value === 'true') });
const stageForm = z.object({ stage: z.enum(stageKeys, { error: 'stage_not_open' }) });
const anonymityForm = z.object({ anonymity: z.enum(anonymityModes, { error: 'invalid_input' }) });
const stagesForm = z.object({
	stages: z.string().transform((value, ctx) => {
		try {
			return JSON.parse(value) as unknown;
		} catch {
			ctx.addIssue({ code: 'custom', message: 'invalid_input' });
			return z.NEVER;
		}
	})
});

export const actions: Actions = {
	stage: async ({ request, locals, params }) => {
		const parsed = parseForm(stageForm, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		return runAction(() =>
			goToStage(db, actorFromLocals(locals), params.id, parsed.data.stage).then(() => undefined)
		);
	},
	arrange: async ({ request, locals, params }) => {
		const parsed = parseForm(stagesForm, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		const stages = stagesSchema.safeParse(parsed.data.stages);
		if (!stages.success) return invalidForm(400, { stages: ['invalid_input'] });
		return runAction(() =>
			arrangeStages(db, actorFromLocals(locals), params.id, stages.data).then(() => undefined)
		);
	},
	timer: async ({ request, locals, params }) => {
		const parsed = parseForm(timerSchema, await request.formData());
		if (!parsed.ok) return invalidForm(400, { timer: ['timer_invalid'] });
		return runAction(() =>
			controlTimer(db, actorFromLocals(locals), params.id, parsed.data).then(() => undefined)
		);
	},
	lock: async ({ request, locals, params }) => {
		const parsed = parseForm(flag, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		return runAction(() =>
			setLocked(db, actorFromLocals(locals), params.id, parsed.data.value).then(() => undefined)
		);
	},
	guests: async ({ request, locals, params }) => {
		const parsed = parseForm(flag, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		return runAction(() =>
			setGuestsAllowed(db, actorFromLocals(locals), params.id, parsed.data.value).then(
				() => undefined
			)
		);
	},
	anonymity: async ({ request, locals, params }) => {
		const parsed = parseForm(anonymityForm, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		return runAction(() =>
			setAnonymity(db, actorFromLocals(locals), params.id, parsed.data.anonymity).then(
				() => undefined
			)
		);
	},
	done: async ({ request, locals, params }) => {
		const parsed = parseForm(flag, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		return runAction(() => markDone(db, actorFromLocals(locals), params.id, parsed.data.value));
	},
	submitDefinition: async ({ request, locals, params }) => {
		const parsed = parseForm(ownDefinitionSchema, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		const result = await runAction(() =>
			saveOwnDefinition(db, actorFromLocals(locals), params.id, parsed.data, true)
		);
		return result && 'submittedAt' in result ? { submitted: true } : result;
	},
	withdrawDefinition: async ({ locals, params }) =>
		runAction(() => withdrawOwnDefinition(db, actorFromLocals(locals), params.id)),
	reveal: async ({ locals, params }) =>
		runAction(() =>
			revealDefinitions(db, actorFromLocals(locals), params.id, placeDefinitionsOnBoard)
		),
	excuse: async ({ request, locals, params }) => {
		const parsed = parseForm(participantForm, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		return runAction(() =>
			excuseParticipant(db, actorFromLocals(locals), params.id, parsed.data.participantId)
		);
	},
	bringBack: async ({ request, locals, params }) => {
		const parsed = parseForm(participantForm, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		return runAction(() =>
			bringBackParticipant(db, actorFromLocals(locals), params.id, parsed.data.participantId)
		);
	},
	removeGuest: async ({ request, locals, params }) => {
		const parsed = parseForm(participantForm, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		return runAction(() =>
			removeGuest(db, actorFromLocals(locals), params.id, parsed.data.participantId)
		);
	},
	confirmReclaim: async ({ request, locals, params }) => {
		const parsed = parseForm(participantForm, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		return runAction(() =>
			settleReclaim(db, actorFromLocals(locals), params.id, parsed.data.participantId, 'confirm')
		);
	},
	refuseReclaim: async ({ request, locals, params }) => {
		const parsed = parseForm(participantForm, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		return runAction(() =>
			settleReclaim(db, actorFromLocals(locals), params.id, parsed.data.participantId, 'refuse')
		);
	}
};
