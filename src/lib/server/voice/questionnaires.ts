import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { CRITERIA, type Criterion, type QuestionnaireView } from '$lib/voice/model';
import type { Db, DbOrTx } from '../db';
import { questionnaires, touchpoints } from '../db/schema';
import { conflict, forbidden, isUniqueViolation, notFound } from '../errors';
import { actorOfMembership, can, requireAllowed } from '../policies';
import { questionnaireCache } from './questionnaire-cache';

const TOUCHPOINT = { type: 'touchpoint' } as const;

/** The touchpoint, in the workspace, with the user allowed to `action` it. */
export async function allowedTouchpoint(
	db: DbOrTx,
	userId: string,
	workspaceId: string,
	touchpointId: string,
	action: 'read' | 'edit'
) {
	const membership = await requireAllowed(db, userId, workspaceId, 'read');
	const actor = actorOfMembership(userId, membership);
	const [touchpoint] = await db
		.select({ id: touchpoints.id, name: touchpoints.name })
		.from(touchpoints)
		.where(and(eq(touchpoints.id, touchpointId), eq(touchpoints.workspaceId, workspaceId)));
	if (!touchpoint) throw notFound();
	if (!can(actor, action, TOUCHPOINT)) throw forbidden();
	return { touchpoint, actor };
}

export const questionnaireView = (row: typeof questionnaires.$inferSelect): QuestionnaireView => ({
	id: row.id,
	token: row.token,
	criteria: row.criteria.filter((c): c is Criterion => (CRITERIA as readonly string[]).includes(c)),
	askContact: row.askContact,
	open: row.closedAt === null,
	createdAt: row.createdAt.toISOString()
});

/** The touchpoint's latest questionnaire (open or closed), or null when it has none. */
export async function touchpointQuestionnaire(
	db: Db,
	userId: string,
	workspaceId: string,
	touchpointId: string
): Promise<QuestionnaireView | null> {
	await allowedTouchpoint(db, userId, workspaceId, touchpointId, 'read');
	const [row] = await db
		.select()
		.from(questionnaires)
		.where(eq(questionnaires.touchpointId, touchpointId))
		.orderBy(desc(questionnaires.createdAt))
		.limit(1);
	return row ? questionnaireView(row) : null;
}

/** Opens a questionnaire on the touchpoint (an editor's act); one may be open at a time. */
export async function openQuestionnaire(
	db: Db,
	userId: string,
	workspaceId: string,
	touchpointId: string,
	settings: { criteria: Criterion[]; askContact: boolean }
): Promise<QuestionnaireView> {
	await allowedTouchpoint(db, userId, workspaceId, touchpointId, 'edit');
	return insertQuestionnaire(db, userId, workspaceId, { touchpointId }, settings);
}

/** Opens a questionnaire with a fresh link on its subject; refused while one is open there. */
export async function insertQuestionnaire(
	db: Db,
	userId: string,
	workspaceId: string,
	subject: { touchpointId: string } | { journeyMapId: string; stageId: string; stageName: string },
	settings: { criteria: Criterion[]; askContact: boolean }
): Promise<QuestionnaireView> {
	try {
		questionnaireCache.forget();
		const [row] = await db
			.insert(questionnaires)
			.values({
				workspaceId,
				...subject,
				token: randomBytes(12).toString('base64url'),
				criteria: [...new Set(settings.criteria)],
				askContact: settings.askContact,
				createdBy: userId
			})
			.returning();
		return questionnaireView(row);
	} catch (error) {
		if (isUniqueViolation(error)) throw conflict('questionnaire_open');
		throw error;
	}
}

/** Closes the touchpoint's open questionnaire: its link then says it takes no more answers. */
export async function closeQuestionnaire(
	db: Db,
	userId: string,
	workspaceId: string,
	touchpointId: string
): Promise<void> {
	await allowedTouchpoint(db, userId, workspaceId, touchpointId, 'edit');
	await db
		.update(questionnaires)
		.set({ closedAt: new Date() })
		.where(and(eq(questionnaires.touchpointId, touchpointId), isNull(questionnaires.closedAt)));
	questionnaireCache.forget();
}

/** What the public page needs to show a questionnaire (touchpoint or stage), found by its link's token. */
export async function publicQuestionnaire(db: Db, token: string) {
	const [row] = await db
		.select({
			id: questionnaires.id,
			touchpointId: questionnaires.touchpointId,
			journeyMapId: questionnaires.journeyMapId,
			stageId: questionnaires.stageId,
			touchpointName: touchpoints.name,
			stageName: questionnaires.stageName,
			criteria: questionnaires.criteria,
			askContact: questionnaires.askContact,
			closedAt: questionnaires.closedAt
		})
		.from(questionnaires)
		.leftJoin(touchpoints, eq(touchpoints.id, questionnaires.touchpointId))
		.where(eq(questionnaires.token, token));
	if (!row) return null;
	return {
		...row,
		/** What the customer is asked about: the touchpoint, or the journey stage. */
		subject: row.touchpointName ?? row.stageName ?? '',
		criteria: row.criteria.filter((c): c is Criterion =>
			(CRITERIA as readonly string[]).includes(c)
		),
		open: row.closedAt === null
	};
}
export type PublicQuestionnaire = NonNullable<Awaited<ReturnType<typeof publicQuestionnaire>>>;
