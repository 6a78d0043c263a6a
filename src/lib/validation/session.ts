import { z } from 'zod';
import { anonymityModes, STAGE_TITLE_MAX, stageKeys } from '$lib/sessions/stages';
import { hasControlCharacters, NAME_MAX, withoutBidiControls } from './fields';

/** Longest session title. */
export const TITLE_MAX = 120;
/** Longest session goal. */
export const GOAL_MAX = 1000;
/** Longest own definition. */
export const DEFINITION_MAX = 2000;
/** Longest role tag on a definition. */
export const ROLE_TAG_MAX = 60;
/** Longest timer a facilitator can set, in minutes. */
export const TIMER_MAX_MINUTES = 180;

/** Bounded optional text: trimmed, may be empty. */
export const optionalText = (max: number) =>
	z.string().trim().max(max, { error: 'text_too_long' }).default('');

/** A facilitator creates a session. `participantIds` come as repeated form fields. */
export const createSessionSchema = z.object({
	title: z
		.string()
		.trim()
		.min(1, { error: 'title_required' })
		.max(TITLE_MAX, { error: 'text_too_long' }),
	goal: optionalText(GOAL_MAX),
	scheduledOn: z
		.string()
		.trim()
		.refine((value) => value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value), { error: 'date_invalid' })
		.transform((value) => value || null),
	anonymity: z.enum(anonymityModes).default('partial'),
	allowGuests: z
		.string()
		.optional()
		.transform((value) => value === 'on' || value === 'true'),
	participantIds: z
		.array(z.uuid({ error: 'participant_unknown' }))
		.max(500)
		.default([])
});

/** Stage 1: a participant's own definition as they type it. */
export const ownDefinitionSchema = z.object({
	text: z.string().max(DEFINITION_MAX, { error: 'text_too_long' }),
	roleTag: z.string().trim().max(ROLE_TAG_MAX, { error: 'text_too_long' }).default('')
});

/** A guest joins with a code and a display name. */
export const guestJoinSchema = z.object({
	code: z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z0-9]{6}$/, { error: 'guest_code_invalid' }),
	name: z
		.string()
		.trim()
		.min(1, { error: 'name_required' })
		.max(NAME_MAX, { error: 'name_too_long' })
});

/** The facilitator's arrangement of stages: order, names, skipped. */
export const stagesSchema = z
	.array(
		z.object({
			key: z.enum(stageKeys),
			// Read from JSON inside a form field, so the form's own check of its text did not see it.
			title: z
				.string()
				.trim()
				.max(STAGE_TITLE_MAX, { error: 'text_too_long' })
				.refine((value) => !hasControlCharacters(value), { error: 'text_invalid_characters' })
				.transform(withoutBidiControls)
				.nullable()
				.transform((value) => value || null),
			skipped: z.boolean()
		})
	)
	.refine(
		(stages) =>
			stages.length === stageKeys.length &&
			new Set(stages.map((s) => s.key)).size === stageKeys.length,
		{
			error: 'invalid_input'
		}
	)
	.refine((stages) => stages.some((stage) => !stage.skipped), { error: 'invalid_input' });

/** Timer commands of the facilitator. */
export const timerSchema = z.discriminatedUnion('command', [
	z.object({
		command: z.literal('start'),
		minutes: z.coerce.number().min(0.5).max(TIMER_MAX_MINUTES)
	}),
	z.object({ command: z.literal('pause') }),
	z.object({ command: z.literal('resume') }),
	z.object({ command: z.literal('add_minute') }),
	z.object({ command: z.literal('clear') })
]);
