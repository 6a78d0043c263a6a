// The demo map's stage questionnaire (Part D): customers asked about the "Return and
// recommendation" stage, a stage no measured touchpoint is placed in, so the map's experience lane
// shows a level measured from the stage's own answers. Their comments are the fixture's (both of
// its questionnaires), over the same three months. The stage also has an improvement action done
// halfway (45 days ago): answers before it are mixed, after it mostly satisfied, so its before/after
// shows the level moving. Deterministic and idempotent.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Level } from '$lib/voice/model';
import type { Db } from '../db';
import {
	customerAnswers,
	improvementActions,
	memberships,
	questionnaires,
	users
} from '../db/schema';
import { loadMapState } from '../journeys/documents';
import voice from './voice-of-customer.json';

const DAY = 24 * 60 * 60 * 1000;
export const DEMO_STAGE = 'Return and recommendation';
export const DEMO_STAGE_ANSWERS = 60;
export const DEMO_STAGE_ACTION =
	'A thank-you call a week after treatment, with the next check-up date';
/** Days ago the stage's action was done: the answers before it and after it differ. */
const ACTION_DONE_DAYS_AGO = 45;

/** Every comment the fixture has for `level` in `language`. */
const commentsFor = (level: Level, language: 'en' | 'ru' | 'bg') =>
	voice.questionnaires.flatMap((entry) => entry.comments[level][language]);

export async function seedDemoStageVoice(
	db: Db,
	workspaceId: string,
	mapId: string,
	now = new Date()
): Promise<void> {
	const stage = (await loadMapState(db, { id: mapId, workspaceId })).stages.find(
		(s) => s.name === DEMO_STAGE
	);
	if (!stage) return;
	await seedStageAnswers(db, workspaceId, mapId, stage, now);
	await seedStageAction(db, workspaceId, mapId, stage.id, now);
}

async function seedStageAnswers(
	db: Db,
	workspaceId: string,
	mapId: string,
	stage: { id: string; name: string },
	now: Date
): Promise<void> {
	const [existing] = await db
		.select({ id: questionnaires.id })
		.from(questionnaires)
		.where(and(eq(questionnaires.journeyMapId, mapId), eq(questionnaires.stageId, stage.id)));
	if (existing) return;
	const [questionnaire] = await db
		.insert(questionnaires)
		.values({
			workspaceId,
			journeyMapId: mapId,
			stageId: stage.id,
			stageName: stage.name,
			token: randomBytes(12).toString('base64url'),
			criteria: ['comfort', 'honesty'],
			createdAt: new Date(now.getTime() - 92 * DAY)
		})
		.returning({ id: questionnaires.id });
	// Before the action, mixed (mean 2.5); after it, mostly "meets" and "exceeds" (mean 3.17):
	// answers cycle through these patterns. Over the three months the stage meets expectations.
	const before: Level[] = ['meets', 'indifferent', 'below', 'meets', 'indifferent', 'exceeds'];
	const after: Level[] = ['meets', 'exceeds', 'meets', 'exceeds', 'meets', 'indifferent'];
	const languages = ['ru', 'bg', 'en'] as const;
	await db.insert(customerAnswers).values(
		Array.from({ length: DEMO_STAGE_ANSWERS }, (_, n) => {
			const day = Math.floor((n / DEMO_STAGE_ANSWERS) * 90);
			const pattern = day < 90 - ACTION_DONE_DAYS_AGO ? before : after;
			const level = pattern[n % pattern.length];
			const language = languages[n % languages.length];
			const said = commentsFor(level, language);
			return {
				questionnaireId: questionnaire.id,
				journeyMapId: mapId,
				stageId: stage.id,
				level,
				comment: n % 3 === 0 ? said[n % said.length] : '',
				language,
				createdAt: new Date(now.getTime() - (90 - day) * DAY + (n % 24) * 60 * 60 * 1000)
			};
		})
	);
}

/** The stage's improvement action, done 45 days ago by its owner (once: not when it is there). */
async function seedStageAction(
	db: Db,
	workspaceId: string,
	mapId: string,
	stageId: string,
	now: Date
): Promise<void> {
	const [existing] = await db
		.select({ id: improvementActions.id })
		.from(improvementActions)
		.where(
			and(eq(improvementActions.journeyMapId, mapId), eq(improvementActions.stageId, stageId))
		);
	if (existing) return;
	const [owner] = await db
		.select({ id: users.id })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.workspaceId, workspaceId), eq(users.name, 'Anna Smith')));
	const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
	await db.insert(improvementActions).values({
		workspaceId,
		journeyMapId: mapId,
		stageId,
		title: DEMO_STAGE_ACTION,
		criterion: 'comfort',
		ownerId: owner?.id ?? null,
		dueOn: daysAgo(ACTION_DONE_DAYS_AGO - 5)
			.toISOString()
			.slice(0, 10),
		status: 'done',
		doneAt: daysAgo(ACTION_DONE_DAYS_AGO),
		createdAt: daysAgo(80)
	});
}
