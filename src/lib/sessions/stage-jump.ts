import { activeStages, type Stage, type StageKey } from './stages';

/**
 * The stages a move from `current` to `target` leaves behind without their work done: going
 * forward, every active stage from the current one up to (not including) the target whose work
 * is `empty`. Going back leaves nothing behind.
 */
export function stagesLeftEmpty(
	stages: Stage[],
	current: StageKey,
	target: StageKey,
	empty: StageKey[]
): Stage[] {
	const active = activeStages(stages);
	const from = active.findIndex((stage) => stage.key === current);
	const to = active.findIndex((stage) => stage.key === target);
	if (from < 0 || to <= from) return [];
	return active.slice(from, to).filter((stage) => empty.includes(stage.key));
}
