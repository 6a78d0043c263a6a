import { neighbourStage, type Stage } from './stages';
import type { SessionCore } from './types';

/**
 * What a participant should do now, or what they wait for, on the current stage. On stage 1
 * being done is having submitted one's definition; on the others it is "I'm done".
 * `waiting` counts the participants the session still waits for (excused ones are not expected),
 * `next` is the stage the facilitator opens after this one (null on the last).
 */
export type NextStep =
	| { kind: 'write' }
	| { kind: 'submitted'; waiting: number; total: number }
	| { kind: 'revealed'; next: Stage | null }
	| { kind: 'work' }
	| { kind: 'done'; waiting: number; total: number; next: Stage | null };

export function nextStep(core: SessionCore): NextStep {
	const expected = core.participants.filter((p) => !p.isFacilitator && !p.excused);
	const waiting = expected.filter((p) => !p.done).length;
	const nextKey = neighbourStage(core.stages, core.currentStage, 1);
	const next = core.stages.find((stage) => stage.key === nextKey) ?? null;
	if (core.currentStage === 'definitions') {
		if (core.revealed) return { kind: 'revealed', next };
		return core.me.done
			? { kind: 'submitted', waiting, total: expected.length }
			: { kind: 'write' };
	}
	return core.me.done ? { kind: 'done', waiting, total: expected.length, next } : { kind: 'work' };
}
