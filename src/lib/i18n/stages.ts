import { m } from '$lib/paraglide/messages';
import type { Stage, StageKey } from '$lib/sessions/stages';

const names: Record<StageKey, () => string> = {
	definitions: m.session_stage_definitions,
	themes: m.session_stage_themes,
	criteria: m.session_stage_criteria,
	draft: m.session_stage_draft,
	consensus: m.session_stage_consensus,
	publish: m.session_stage_publish
};

const prompts: Record<StageKey, () => string> = {
	definitions: m.session_prompt_definitions,
	themes: m.session_prompt_themes,
	criteria: m.session_prompt_criteria,
	draft: m.session_prompt_draft,
	consensus: m.session_prompt_consensus,
	publish: m.session_prompt_publish
};

const examples: Record<StageKey, () => string> = {
	definitions: m.session_example_definitions,
	themes: m.session_example_themes,
	criteria: m.session_example_criteria,
	draft: m.session_example_draft,
	consensus: m.session_example_consensus,
	publish: m.session_example_publish
};

/** The facilitator's name for a stage, else the template's name in the current language. */
export const stageName = (stage: Stage | StageKey): string =>
	typeof stage === 'string' ? names[stage]() : (stage.title ?? names[stage.key]());

/** The built-in prompt of a stage. */
export const stagePrompt = (key: StageKey): string => prompts[key]();

/** The built-in example of a stage. */
export const stageExample = (key: StageKey): string => examples[key]();
