// Seeds the voice benchmark through the real services: a workspace, a touchpoint with an open
// questionnaire (the page under load), and a second touchpoint with 100,000 customer answers over
// three months, whose figures it then computes several times. Prints one JSON line: the
// questionnaire's token and the figures' timings (ms).
// Run with DATABASE_URL or DATA_DIR set: `node --import tsx bench/voice/seed.ts`.
import { performance } from 'node:perf_hooks';
import { closeDatabase, db, migrateDatabase } from '../../src/lib/server/db';
import { signUpWithWorkspace } from '../../src/lib/server/auth/accounts';
import { customerAnswers } from '../../src/lib/server/db/schema';
import { createTouchpoint } from '../../src/lib/server/touchpoints/touchpoints';
import { touchpointFigures } from '../../src/lib/server/voice/figures';
import { openQuestionnaire } from '../../src/lib/server/voice/questionnaires';
import { LEVELS } from '../../src/lib/voice/model';

const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 100_000);
const BATCH = 2_000;
const FIGURE_RUNS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

await migrateDatabase();
const admin = await signUpWithWorkspace(db, {
	name: 'Bench Admin',
	email: `bench-voice-${Date.now()}@example.test`,
	password: 'bench voice password',
	language: 'en',
	workspaceName: 'Northwind Clinics'
});
const touchpoint = (name: string) =>
	createTouchpoint(db, admin.userId, admin.workspaceId, {
		name,
		type: 'business',
		kind: 'phone',
		channel: 'Phone'
	});
const answered = await touchpoint('Call centre line');
const questionnaire = await openQuestionnaire(db, admin.userId, admin.workspaceId, answered.id, {
	criteria: ['availability', 'lead_time'],
	askContact: false
});
const measured = await touchpoint('Reception desk');
const { id: questionnaireId } = await openQuestionnaire(
	db,
	admin.userId,
	admin.workspaceId,
	measured.id,
	{
		criteria: ['availability', 'comfort'],
		askContact: false
	}
);
const start = Date.now() - 90 * DAY_MS;
for (let done = 0; done < ANSWERS; done += BATCH) {
	const rows = Array.from({ length: Math.min(BATCH, ANSWERS - done) }, (_, i) => {
		const n = done + i;
		return {
			questionnaireId,
			touchpointId: measured.id,
			level: LEVELS[(n * 7) % 4],
			ratings: { availability: 1 + (n % 5), comfort: 1 + ((n * 3) % 5) },
			comment: n % 3 ? '' : 'Приветливо, но пришлось подождать.',
			language: ['en', 'ru', 'bg'][n % 3],
			createdAt: new Date(start + Math.floor((n / ANSWERS) * 90 * DAY_MS))
		};
	});
	await db.insert(customerAnswers).values(rows);
}
const timings: number[] = [];
for (let run = 0; run < FIGURE_RUNS; run++) {
	const began = performance.now();
	const figures = await touchpointFigures(db, measured.id);
	timings.push(performance.now() - began);
	if (figures.total !== ANSWERS)
		throw new Error(`expected ${ANSWERS} answers, counted ${figures.total}`);
}
await closeDatabase();
console.log(JSON.stringify({ token: questionnaire.token, answers: ANSWERS, figuresMs: timings }));
