// A journey map opened in a live session shows, below it, each stage's questionnaire and
// improvement actions as the app's map page does, to the members who take part (read-only);
// the map policy's `seeMeasured` decides, so a guest never gets them.
import type { ActionView } from '$lib/voice/model';
import type { Db } from '../db';
import { openSessionMap } from '../journeys/maps';
import { can, mapSubject } from '../policies';
import type { SessionActor } from '../sessions/access';
import { listStageActions } from './stage-actions';
import { stageQuestionnaires, type StageQuestionnaireView } from './stage-questionnaires';

export type SessionStagePanel = {
	questionnaires: Record<string, StageQuestionnaireView>;
	actions: Record<string, ActionView[]>;
};

/** The stages' questionnaires and actions for a member taking part; null for a guest. */
export async function sessionStagePanel(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	mapId: string
): Promise<SessionStagePanel | null> {
	const { map, ctx } = await openSessionMap(db, actor, sessionId, mapId);
	if (ctx.actor.kind !== 'member') return null;
	if (!can(ctx.actor, 'seeMeasured', await mapSubject(db, ctx.actor, map))) return null;
	const { userId } = ctx.actor;
	const [questionnaires, actions] = await Promise.all([
		stageQuestionnaires(db, userId, map.workspaceId, map.id),
		listStageActions(db, userId, map.workspaceId, map.id)
	]);
	return { questionnaires, actions };
}
