// Customer questionnaires about a stage of a journey map (not one touchpoint): who may open and
// close them, and the answers a map counts per stage and per touchpoint for its measured levels.
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Criterion, QuestionnaireView } from '$lib/voice/model';
import { noCounts, type LevelCounts, type MapVoice } from '$lib/voice/stage-levels';
import type { Db } from '../db';
import { customerAnswers, questionnaires } from '../db/schema';
import { forbidden, notFound } from '../errors';
import { loadMapState } from '../journeys/documents';
import { openMap, openSessionMap } from '../journeys/maps';
import { can, mapSubject } from '../policies';
import type { SessionActor } from '../sessions/access';
import { levelCountsByTouchpoint } from './figures';
import { questionnaireCache } from './questionnaire-cache';
import { insertQuestionnaire, questionnaireView } from './questionnaires';

export type StageQuestionnaireView = QuestionnaireView & { stageId: string };

const view = (row: typeof questionnaires.$inferSelect): StageQuestionnaireView => ({
	...questionnaireView(row),
	stageId: row.stageId ?? ''
});

/** The map, with the member allowed to read it, or to edit its questionnaires for `edit`. */
async function allowedMap(
	db: Db,
	userId: string,
	workspaceId: string,
	mapId: string,
	action: 'read' | 'edit'
) {
	const { map, access } = await openMap(db, userId, workspaceId, mapId);
	if (action === 'edit' && !access.canEditTouchpoints) throw forbidden();
	return map;
}

/** Each stage's latest questionnaire (open or closed), by stage id. */
export async function stageQuestionnaires(
	db: Db,
	userId: string,
	workspaceId: string,
	mapId: string
): Promise<Record<string, StageQuestionnaireView>> {
	await allowedMap(db, userId, workspaceId, mapId, 'read');
	const rows = await db
		.select()
		.from(questionnaires)
		.where(eq(questionnaires.journeyMapId, mapId))
		.orderBy(desc(questionnaires.createdAt));
	const latest: Record<string, StageQuestionnaireView> = {};
	for (const row of rows) if (row.stageId && !latest[row.stageId]) latest[row.stageId] = view(row);
	return latest;
}

/** Opens a questionnaire on a stage of the map (an editor's act); one may be open per stage. */
export async function openStageQuestionnaire(
	db: Db,
	userId: string,
	workspaceId: string,
	mapId: string,
	stageId: string,
	settings: { criteria: Criterion[]; askContact: boolean }
): Promise<StageQuestionnaireView> {
	const map = await allowedMap(db, userId, workspaceId, mapId, 'edit');
	const stage = (await loadMapState(db, map)).stages.find((s) => s.id === stageId);
	if (!stage) throw notFound();
	const opened = await insertQuestionnaire(
		db,
		userId,
		workspaceId,
		{ journeyMapId: mapId, stageId, stageName: stage.name },
		settings
	);
	return { ...opened, stageId };
}

/** Closes the stage's open questionnaire. */
export async function closeStageQuestionnaire(
	db: Db,
	userId: string,
	workspaceId: string,
	mapId: string,
	stageId: string
): Promise<void> {
	await allowedMap(db, userId, workspaceId, mapId, 'edit');
	await db
		.update(questionnaires)
		.set({ closedAt: new Date() })
		.where(
			and(
				eq(questionnaires.journeyMapId, mapId),
				eq(questionnaires.stageId, stageId),
				isNull(questionnaires.closedAt)
			)
		);
	questionnaireCache.forget();
}

/** The stage questionnaire's public link, for its QR code; 404 when the stage has none. */
export async function stageQuestionnaireToken(
	db: Db,
	userId: string,
	workspaceId: string,
	mapId: string,
	stageId: string
): Promise<string> {
	const questionnaire = (await stageQuestionnaires(db, userId, workspaceId, mapId))[stageId];
	if (!questionnaire) throw notFound();
	return questionnaire.token;
}

const addRow = (into: Record<string, LevelCounts>, key: string, level: string, count: number) => {
	const counts = (into[key] ??= noCounts());
	if (level in counts) counts[level as keyof LevelCounts] = count;
};

/**
 * The answers a member's map counts for its measured levels: per level, by touchpoint of the
 * workspace and by stage of this map. Figures only: no comment or contact leaves here.
 */
export async function mapVoice(
	db: Db,
	userId: string,
	workspaceId: string,
	mapId: string
): Promise<MapVoice> {
	const { map, actor } = await openMap(db, userId, workspaceId, mapId);
	if (!can(actor, 'seeMeasured', await mapSubject(db, actor, map))) throw forbidden();
	return countMapVoice(db, workspaceId, mapId);
}

/**
 * The same figures on a map opened in a live session: for the members who take part; null for a
 * guest, who sees the team's estimates only.
 */
export async function sessionMapVoice(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	mapId: string
): Promise<MapVoice | null> {
	const { map, ctx } = await openSessionMap(db, actor, sessionId, mapId);
	if (!can(ctx.actor, 'seeMeasured', await mapSubject(db, ctx.actor, map))) return null;
	return countMapVoice(db, map.workspaceId, map.id);
}

async function countMapVoice(db: Db, workspaceId: string, mapId: string): Promise<MapVoice> {
	const [byTouchpoint, byStage] = await Promise.all([
		levelCountsByTouchpoint(db, workspaceId),
		db
			.select({
				id: customerAnswers.stageId,
				level: customerAnswers.level,
				count: sql<number>`count(*)::int`
			})
			.from(customerAnswers)
			.where(and(eq(customerAnswers.journeyMapId, mapId), isNotNull(customerAnswers.stageId)))
			.groupBy(customerAnswers.stageId, customerAnswers.level)
	]);
	const voice: MapVoice = { touchpoints: {}, stages: {} };
	for (const row of byTouchpoint)
		if (row.id) addRow(voice.touchpoints, row.id, row.level, row.count);
	for (const row of byStage) if (row.id) addRow(voice.stages, row.id, row.level, row.count);
	return voice;
}
