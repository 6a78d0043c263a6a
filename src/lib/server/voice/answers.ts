import { z } from 'zod';
import {
	COMMENT_MAX,
	CONTACT_MAX,
	CRITERIA,
	EXPECTED_MAX,
	LEVELS,
	RATING_MAX,
	RATING_MIN,
	type Criterion
} from '$lib/voice/model';
import { languages, type Language } from '$lib/validation/limits';
import { withoutControlCharacters } from '$lib/validation/fields';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { customerAnswers, questionnaires } from '../db/schema';
import { DomainError, invalid } from '../errors';
import type { AnswerRateLimit } from './answer-rate';
import type { PublicQuestionnaire } from './questionnaires';

/** Free text from a customer: control characters out, trimmed, bounded (too long is refused). */
const freeText = (max: number) =>
	z
		.string()
		.transform((value) => withoutControlCharacters(value).trim())
		.pipe(z.string().max(max, { error: 'text_too_long' }));

const answerSchema = z.object({
	level: z.enum(LEVELS, { error: 'answer_level_required' }),
	expected: freeText(EXPECTED_MAX),
	comment: freeText(COMMENT_MAX),
	contact: z.boolean(),
	contactName: freeText(CONTACT_MAX),
	contactAddress: freeText(CONTACT_MAX)
});

export type AnswerInput = {
	level: string;
	ratings: Partial<Record<string, string>>;
	expected: string;
	comment: string;
	contact: boolean;
	contactName: string;
	contactAddress: string;
	language: Language;
	/** The field only bots fill in. */
	honeypot: string;
};

/** What became of an answer: stored, or silently dropped (a bot that filled the honeypot). */
export type AnswerOutcome = 'stored' | 'dropped';

function ratingsOf(input: AnswerInput['ratings'], asked: Criterion[]): Record<string, number> {
	const ratings: Record<string, number> = {};
	for (const criterion of CRITERIA) {
		const raw = input[criterion];
		if (raw === undefined || raw === '') continue;
		const value = Number(raw);
		if (
			!asked.includes(criterion) ||
			!Number.isInteger(value) ||
			value < RATING_MIN ||
			value > RATING_MAX
		)
			throw invalid('answer_rating_invalid', criterion);
		ratings[criterion] = value;
	}
	return ratings;
}

/**
 * Stores one customer's answer to an open questionnaire. Contact details are kept only when the
 * questionnaire asks for them and the customer ticked consent; otherwise the answer is anonymous.
 */
export async function submitAnswer(
	db: Db,
	questionnaire: PublicQuestionnaire,
	input: AnswerInput,
	client: { addressHash: string; limit: AnswerRateLimit }
): Promise<AnswerOutcome> {
	if (!questionnaire.open) throw new DomainError('questionnaire_closed', 410);
	if (input.honeypot.trim()) return 'dropped';
	const parsed = answerSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw invalid(issue.message as never, String(issue.path[0] ?? 'form'));
	}
	const ratings = ratingsOf(input.ratings, questionnaire.criteria);
	if (!(languages as readonly string[]).includes(input.language)) throw invalid('language_unknown');
	const consented = questionnaire.askContact && parsed.data.contact;
	if (consented && !parsed.data.contactAddress)
		throw invalid('answer_contact_required', 'contactAddress');
	if (!client.limit.take(client.addressHash, questionnaire.id))
		throw new DomainError('answer_rate_limited', 429);
	// One statement: stored only while the questionnaire is open in the database (the page may have
	// read it a moment ago, from the cache), its subject taken from the questionnaire's row.
	const text = (value: string | null) => sql<string>`${value}::text`;
	const stored = await db
		.insert(customerAnswers)
		.select((qb) =>
			qb
				// Every column, in the table's order (drizzle's rule for an insert from a select).
				.select({
					id: sql<string>`gen_random_uuid()`.as('id'),
					questionnaireId: questionnaires.id,
					touchpointId: questionnaires.touchpointId,
					journeyMapId: questionnaires.journeyMapId,
					stageId: questionnaires.stageId,
					level: sql<string>`${parsed.data.level}::satisfaction_level`.as('level'),
					ratings: sql<string>`${JSON.stringify(ratings)}::jsonb`.as('ratings'),
					expected: text(parsed.data.expected).as('expected'),
					comment: text(parsed.data.comment).as('comment'),
					language: text(input.language).as('language'),
					contactName: text(consented ? parsed.data.contactName || null : null).as('contact_name'),
					contactAddress: text(consented ? parsed.data.contactAddress : null).as('contact_address'),
					createdAt: sql<Date>`now()`.as('created_at')
				})
				.from(questionnaires)
				.where(and(eq(questionnaires.id, questionnaire.id), isNull(questionnaires.closedAt)))
		)
		.returning({ id: customerAnswers.id });
	if (!stored.length) throw new DomainError('questionnaire_closed', 410);
	return 'stored';
}
