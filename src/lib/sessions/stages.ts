/** Keys of the built-in stages of the "Customer focus" template, in their default order. */
export const stageKeys = [
	'definitions',
	'themes',
	'criteria',
	'draft',
	'consensus',
	'publish'
] as const;

export type StageKey = (typeof stageKeys)[number];

/** A stage as the facilitator arranged it (same shape as the database column). */
export type Stage = { key: StageKey; title: string | null; skipped: boolean };

/** Anonymity of revealed definitions: names for all, names for the facilitator only, or none. */
export const anonymityModes = ['off', 'partial', 'full'] as const;
export type Anonymity = (typeof anonymityModes)[number];

/** The template's stages, none renamed or skipped. */
export function defaultStages(): Stage[] {
	return stageKeys.map((key) => ({ key, title: null, skipped: false }));
}

export function isStageKey(value: unknown): value is StageKey {
	return typeof value === 'string' && (stageKeys as readonly string[]).includes(value);
}

/** The stages that are not skipped, in order. */
export function activeStages(stages: Stage[]): Stage[] {
	return stages.filter((stage) => !stage.skipped);
}

/** The next (or previous) stage that is not skipped, or null at either end. */
export function neighbourStage(stages: Stage[], current: StageKey, step: 1 | -1): StageKey | null {
	const active = activeStages(stages);
	const index = active.findIndex((stage) => stage.key === current);
	return active[index + step]?.key ?? null;
}

/** Longest custom stage name. */
export const STAGE_TITLE_MAX = 60;
