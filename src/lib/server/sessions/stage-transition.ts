import { activeStages, isStageKey, type Stage } from '$lib/sessions/stages';
import type { Tx } from '../db';
import { conflict, invalid } from '../errors';
import type { SessionRow } from './access';
import { writeSessionChange } from './session-change';

/** Why the stage changes; each cause allows its own moves. */
export type StageTransition =
	/** The facilitator opens an active stage, forwards or back (nothing is lost either way). */
	| { cause: 'facilitator'; to: string }
	/** The facilitator rearranges the stages: the current one stays open unless it is now skipped, then the first active one opens. */
	| { cause: 'arrangement'; stages: Stage[] }
	/** An objection closed the consensus round: the session goes back to the draft. */
	| { cause: 'objection' };

/** True when `stage` is one of `stages` and not skipped. */
export function isStageOpen(stages: Stage[], stage: string): boolean {
	return activeStages(stages).some((candidate) => candidate.key === stage);
}

function targetStage(session: SessionRow, transition: StageTransition): string {
	switch (transition.cause) {
		case 'facilitator':
			return transition.to;
		case 'arrangement':
			return isStageOpen(transition.stages, session.currentStage)
				? session.currentStage
				: (activeStages(transition.stages)[0]?.key ?? '');
		case 'objection':
			if (session.currentStage !== 'consensus') throw conflict('stage_not_open', 'stage');
			return 'draft';
	}
}

/**
 * The one way a session's current stage changes. `session` is the row as locked by the caller's
 * transaction (`lockSession`). Refuses, writing nothing, a stage that does not exist or is skipped in
 * the arrangement the session will have, and a move its cause does not allow; otherwise writes the
 * stage (and the new arrangement) with a revision bump. The caller publishes the `session` topic once
 * its transaction commits: screens told earlier would refetch the stage as it was.
 */
export async function transitionStage(
	tx: Tx,
	session: SessionRow,
	transition: StageTransition
): Promise<SessionRow> {
	const stages = transition.cause === 'arrangement' ? transition.stages : session.stages;
	const to = targetStage(session, transition);
	if (!isStageKey(to) || !isStageOpen(stages, to)) throw invalid('stage_not_open', 'stage');
	return writeSessionChange(
		tx,
		session.id,
		transition.cause === 'arrangement' ? { stages, currentStage: to } : { currentStage: to }
	);
}
