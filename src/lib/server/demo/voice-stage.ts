// The demo map's stage questionnaire (Part D): customers asked about the "Return and
// recommendation" stage, a stage no measured touchpoint is placed in, so the map's experience lane
// shows a level measured from the stage's own answers. Their comments are the fixture's (both of
// its questionnaires), over the same three months. Deterministic and idempotent.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Level } from '$lib/voice/model';
import type { Db } from '../db';
import { customerAnswers, questionnaires } from '../db/schema';
import { loadMapState } from '../journeys/documents';
import voice from './voice-of-customer.json';

const DAY = 24 * 60 * 60 * 1000;
export const DEMO_STAGE = 'Return and recommendation';
export const DEMO_STAGE_ANSWERS = 60;

type Comments = Record<Level, Record<'en' | 'ru' | 'bg', string[]>>;

/** Every comment the fixture has for `level` in `language`. */
const commentsFor = (level: Level, language: 'en' | 'ru' | 'bg') =>
	voice.questionnaires.flatMap((entry) => (entry.comments as Comments)[level][language]);

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
	// Mostly "meets", some "exceeds", a few unhappy: answers cycle through this pattern.
	const pattern: Level[] = ['meets', 'exceeds', 'meets', 'indifferent', 'meets', 'below'];
	const languages = ['ru', 'bg', 'en'] as const;
	await db.insert(customerAnswers).values(
		Array.from({ length: DEMO_STAGE_ANSWERS }, (_, n) => {
			const level = pattern[n % pattern.length];
			const language = languages[n % languages.length];
			const said = commentsFor(level, language);
			const day = Math.floor((n / DEMO_STAGE_ANSWERS) * 90);
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
