import { m } from '$lib/paraglide/messages';
import { stageName } from '$lib/i18n/stages';
import type { LiveSession } from './live.svelte';
import { stagesLeftEmpty } from './stage-jump';
import { isStageKey, stageKeys, type StageKey } from './stages';

async function emptyStages(sessionId: string): Promise<StageKey[]> {
	const response = await fetch(`/s/${sessionId}/stage-work`);
	if (!response.ok) return [];
	const body = (await response.json()) as { empty?: unknown };
	return Array.isArray(body.empty) ? body.empty.filter(isStageKey) : [];
}

/**
 * The facilitator moves everyone to `target`. Going forward over stages whose work is still empty
 * (no definitions written, no themes, …), they are asked first, and may go on.
 */
export async function goToStage(live: LiveSession, target: StageKey): Promise<boolean> {
	const { id, stages, currentStage } = live.core;
	if (stagesLeftEmpty(stages, currentStage, target, [...stageKeys]).length) {
		const left = stagesLeftEmpty(stages, currentStage, target, await emptyStages(id));
		const targetStage = stages.find((stage) => stage.key === target) ?? target;
		const question = m.stage_jump_empty({
			stages: left.map((stage) => `“${stageName(stage)}”`).join(', '),
			target: stageName(targetStage)
		});
		if (left.length && !confirm(question)) return false;
	}
	return live.act('stage', { stage: target });
}
