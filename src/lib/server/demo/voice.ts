// The voice-of-the-customer part of the demo seed (Part D): questionnaires on the fixture's two
// touchpoints with a few hundred answers over three months that tell the fixture's story (the call
// centre drifts from "below" to "meets" once its action is done; the reception desk stays around
// "meets"), the staff's own view, interview notes, improvement actions and competitor estimates.
// Deterministic, and idempotent: a touchpoint that already has a questionnaire is left as it is.
import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { CRITERIA, LEVELS, type Criterion, type Level } from '$lib/voice/model';
import type { Db } from '../db';
import {
	competitorEstimates,
	customerAnswers,
	customerInterviews,
	improvementActions,
	memberships,
	questionnaires,
	staffAssessments,
	users
} from '../db/schema';
import voice from './voice-of-customer.json';

const DAY = 24 * 60 * 60 * 1000;
const ANSWERS_PER_TOUCHPOINT = 180;

/** A small deterministic generator, so every seeded demo shows the same figures. */
function generator(seed: number) {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

/** The level an answer on `day` (0 = ninety days ago) gives, following the fixture's story. */
function levelOn(touchpoint: string, day: number, random: () => number): Level {
	const roll = random();
	if (touchpoint === 'Call centre line') {
		// Before its action was done (45 days ago) mostly below; after, mostly meets.
		if (day < 45) return roll < 0.55 ? 'below' : roll < 0.8 ? 'indifferent' : 'meets';
		return roll < 0.15 ? 'below' : roll < 0.3 ? 'indifferent' : roll < 0.85 ? 'meets' : 'exceeds';
	}
	return roll < 0.05 ? 'below' : roll < 0.2 ? 'indifferent' : roll < 0.75 ? 'meets' : 'exceeds';
}

const ratingFor = (level: Level, random: () => number) =>
	Math.max(1, Math.min(5, LEVELS.indexOf(level) + 1 + Math.round(random())));

export async function seedDemoVoice(
	db: Db,
	workspaceId: string,
	touchpointIds: Map<string, string>,
	now = new Date()
): Promise<void> {
	const members = await db
		.select({ id: users.id, name: users.name, departmentId: memberships.departmentId })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.workspaceId, workspaceId));
	const memberNamed = (name: string) => members.find((member) => member.name === name)?.id ?? null;
	const random = generator(20_261_207);
	for (const [index, entry] of voice.questionnaires.entries()) {
		const touchpointId = touchpointIds.get(entry.touchpoint);
		if (!touchpointId) continue;
		const [existing] = await db
			.select({ id: questionnaires.id })
			.from(questionnaires)
			.where(eq(questionnaires.touchpointId, touchpointId));
		if (existing) continue;
		const criteria = entry.criteria.filter((c): c is Criterion =>
			(CRITERIA as readonly string[]).includes(c)
		);
		const [questionnaire] = await db
			.insert(questionnaires)
			.values({
				workspaceId,
				touchpointId,
				token: randomBytes(12).toString('base64url'),
				criteria,
				askContact: index === 0,
				createdAt: new Date(now.getTime() - 92 * DAY)
			})
			.returning({ id: questionnaires.id });
		const comments = entry.comments as Record<Level, Record<'en' | 'ru' | 'bg', string[]>>;
		await db.insert(customerAnswers).values(
			Array.from({ length: ANSWERS_PER_TOUCHPOINT }, (_, n) => {
				const day = Math.floor((n / ANSWERS_PER_TOUCHPOINT) * 90);
				const level = levelOn(entry.touchpoint, day, random);
				const language = (['ru', 'bg', 'en'] as const)[Math.floor(random() * 3)];
				const said = comments[level][language];
				return {
					questionnaireId: questionnaire.id,
					touchpointId,
					level,
					ratings: Object.fromEntries(criteria.map((c) => [c, ratingFor(level, random)])),
					comment: random() < 0.35 ? said[Math.floor(random() * said.length)] : '',
					language,
					createdAt: new Date(now.getTime() - (90 - day) * DAY - Math.floor(random() * DAY))
				};
			})
		);
		const typical = (voice.staff_self_assessment.typical as Record<string, Level>)[
			entry.touchpoint
		];
		if (typical)
			await db
				.insert(staffAssessments)
				.values(
					members.map((member, i) => ({
						touchpointId,
						userId: member.id,
						departmentId: member.departmentId,
						level: i % 3 === 2 ? LEVELS[Math.max(0, LEVELS.indexOf(typical) - 1)] : typical,
						comment: ''
					}))
				)
				.onConflictDoNothing();
		for (const interview of voice.interviews.filter((i) =>
			i.touchpoints.includes(entry.touchpoint)
		))
			await db.insert(customerInterviews).values({
				workspaceId,
				touchpointId,
				kind: interview.kind === 'focus group' ? 'focus_group' : 'interview',
				heldOn: new Date(now.getTime() + interview.date_offset_days * DAY)
					.toISOString()
					.slice(0, 10),
				participants: interview.participants,
				thanked: 'thanked' in interview && Boolean(interview.thanked),
				summary: interview.summary,
				quotes: Object.values(interview.quote),
				criteria: [],
				level: interview.level as Level
			});
	}
	const actionTouchpoints = voice.actions
		.map((action) => touchpointIds.get(action.touchpoint))
		.filter((id): id is string => Boolean(id));
	const seeded = actionTouchpoints.length
		? await db
				.select({ id: improvementActions.id })
				.from(improvementActions)
				.where(
					and(
						eq(improvementActions.workspaceId, workspaceId),
						inArray(improvementActions.touchpointId, actionTouchpoints)
					)
				)
		: [];
	if (seeded.length) return;
	// The fixture's competitor estimates are per criterion: lead time is the call centre's, price the
	// invoice's.
	const competitorTouchpoint: Record<string, string> = {
		lead_time: 'Call centre line',
		price: 'Invoice and payment'
	};
	for (const estimate of voice.competitors) {
		const touchpointId = touchpointIds.get(competitorTouchpoint[estimate.criterion] ?? '');
		if (!touchpointId) continue;
		await db.insert(competitorEstimates).values({
			workspaceId,
			touchpointId,
			competitor: estimate.name,
			criterion: estimate.criterion,
			estimate: estimate.estimate,
			source: estimate.source
		});
	}
	for (const action of voice.actions) {
		const touchpointId = touchpointIds.get(action.touchpoint);
		if (!touchpointId) continue;
		const due = new Date(now.getTime() + action.due_offset_days * DAY);
		const done = action.status === 'done';
		await db.insert(improvementActions).values({
			workspaceId,
			touchpointId,
			title: action.title,
			ownerId: memberNamed(action.owner),
			dueOn: due.toISOString().slice(0, 10),
			status: done ? 'done' : 'planned',
			doneAt: done ? due : null,
			createdAt: new Date(now.getTime() - 85 * DAY)
		});
	}
}
