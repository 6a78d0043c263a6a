// Improvement actions attached to a stage of a journey map (not one touchpoint): editors create
// them, editors and the owner move them on, and a done action shows whether the stage's measured
// level moved: the answers about the stage and about the touchpoints the map places in it, before
// and after it was done.
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { ActionView, StageActionGroup } from '$lib/voice/model';
import { placedTouchpoints } from '$lib/voice/stage-levels';
import type { Db } from '../db';
import { customerAnswers, improvementActions, journeyMaps, touchpoints } from '../db/schema';
import { forbidden, notFound } from '../errors';
import { loadMapState } from '../journeys/documents';
import { openMap } from '../journeys/maps';
import { requireAllowed } from '../policies';
import {
	actionRows,
	actionView,
	answersBeforeAfter,
	insertAction,
	moveActionOn,
	type NewAction
} from './actions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Creates an improvement action on a stage of the map (editors); its owner is told in the app (a
 * notice that opens the map at the stage) and by mail.
 */
export async function createStageAction(
	db: Db,
	userId: string,
	workspaceId: string,
	mapId: string,
	stageId: string,
	input: NewAction
): Promise<string> {
	const { map, access } = await openMap(db, userId, workspaceId, mapId);
	if (!access.canEditTouchpoints) throw forbidden();
	const stage = (await loadMapState(db, map)).stages.find((s) => s.id === stageId);
	if (!stage) throw notFound();
	return insertAction(db, userId, workspaceId, input, {
		subject: { journeyMapId: mapId, stageId },
		notice: {
			kind: 'stage_action_assigned',
			subjectId: mapId,
			payload: { stage: stage.name, map: map.title, stageId }
		}
	});
}

/** Moves a stage's action on (editors, or its owner); done stamps the moment that splits before from after. */
export async function setStageActionStatus(
	db: Db,
	userId: string,
	workspaceId: string,
	mapId: string,
	actionId: string,
	status: string,
	now = new Date()
): Promise<void> {
	const { actor } = await openMap(db, userId, workspaceId, mapId);
	if (!UUID.test(actionId)) throw notFound();
	await moveActionOn(db, actor, userId, {
		action: and(eq(improvementActions.id, actionId), eq(improvementActions.journeyMapId, mapId)),
		status,
		now
	});
}

/**
 * The map's stage actions by stage id, overdue ones marked; a done one with the stage's answers
 * before and after (its own, and those of the touchpoints the map places in it now).
 */
export async function listStageActions(
	db: Db,
	userId: string,
	workspaceId: string,
	mapId: string,
	today = new Date().toISOString().slice(0, 10)
): Promise<Record<string, ActionView[]>> {
	const { map } = await openMap(db, userId, workspaceId, mapId);
	const rows = await actionRows(db, eq(improvementActions.journeyMapId, mapId));
	const placed = rows.some((row) => row.doneAt)
		? placedTouchpoints(await loadMapState(db, map))
		: new Map<string, Set<string>>();
	const aboutStage = (stageId: string) => {
		const own = and(eq(customerAnswers.journeyMapId, mapId), eq(customerAnswers.stageId, stageId))!;
		// Card ids come from the shared document: only well-formed ids of this workspace's touchpoints.
		const ids = [...(placed.get(stageId) ?? [])].filter((id) => UUID.test(id));
		if (!ids.length) return own;
		const ofWorkspace = db
			.select({ id: touchpoints.id })
			.from(touchpoints)
			.where(and(eq(touchpoints.workspaceId, workspaceId), inArray(touchpoints.id, ids)));
		return or(own, inArray(customerAnswers.touchpointId, ofWorkspace))!;
	};
	const byStage: Record<string, ActionView[]> = {};
	for (const row of rows) {
		const stageId = row.stageId;
		if (!stageId) continue;
		(byStage[stageId] ??= []).push(
			await actionView(row, today, (doneAt) => answersBeforeAfter(db, aboutStage(stageId), doneAt))
		);
	}
	return byStage;
}

/**
 * Every journey stage of the workspace that has improvement actions, maps by title and stages in
 * the map's order (those no longer on the map last), for the register and the experience outputs.
 */
export async function workspaceStageActions(
	db: Db,
	userId: string,
	workspaceId: string,
	today = new Date().toISOString().slice(0, 10)
): Promise<StageActionGroup[]> {
	await requireAllowed(db, userId, workspaceId, 'read');
	const maps = await db
		.selectDistinct({ id: journeyMaps.id, title: journeyMaps.title })
		.from(journeyMaps)
		.innerJoin(improvementActions, eq(improvementActions.journeyMapId, journeyMaps.id))
		.where(eq(journeyMaps.workspaceId, workspaceId))
		.orderBy(asc(journeyMaps.title), asc(journeyMaps.id));
	const groups: StageActionGroup[] = [];
	for (const map of maps) {
		const byStage = await listStageActions(db, userId, workspaceId, map.id, today);
		const { stages } = await loadMapState(db, { id: map.id, workspaceId });
		const named = new Map(stages.map((stage) => [stage.id, stage.name]));
		const order = [
			...stages.map((stage) => stage.id).filter((id) => byStage[id]),
			...Object.keys(byStage).filter((id) => !named.has(id))
		];
		for (const stageId of order)
			groups.push({
				mapId: map.id,
				mapTitle: map.title,
				stageId,
				stageName: named.get(stageId) ?? null,
				actions: byStage[stageId]
			});
	}
	return groups;
}
