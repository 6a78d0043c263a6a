import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
	CRITERIA,
	INTERVIEW_KINDS,
	LEVELS,
	INTERVIEW_LIMITS,
	type Criterion,
	type InterviewView
} from '$lib/voice/model';
import { withoutControlCharacters } from '$lib/validation/fields';
import type { Db } from '../db';
import { customerInterviews } from '../db/schema';
import { invalid } from '../errors';
import { can } from '../policies';
import { allowedTouchpoint } from './questionnaires';

const clean = (value: string) => withoutControlCharacters(value).trim();
/** One entry per line, blank lines dropped. */
const lines = (value: string) => value.split('\n').map(clean).filter(Boolean);

const interviewSchema = z.object({
	kind: z.enum(INTERVIEW_KINDS, { error: 'invalid_input' }),
	heldOn: z.iso.date({ error: 'invalid_input' }),
	participants: z
		.array(z.string().max(INTERVIEW_LIMITS.participantName, { error: 'text_too_long' }))
		.max(INTERVIEW_LIMITS.participants, { error: 'text_too_long' }),
	thanked: z.boolean(),
	summary: z
		.string()
		.min(1, { error: 'text_required' })
		.max(INTERVIEW_LIMITS.summary, { error: 'text_too_long' }),
	quotes: z
		.array(z.string().max(INTERVIEW_LIMITS.quote, { error: 'text_too_long' }))
		.max(INTERVIEW_LIMITS.quotes, { error: 'text_too_long' }),
	criteria: z.array(z.enum(CRITERIA, { error: 'invalid_input' })),
	level: z.enum(LEVELS, { error: 'invalid_input' }).nullable()
});

export type NewInterview = {
	kind: string;
	heldOn: string;
	participants: string;
	thanked: boolean;
	summary: string;
	quotes: string;
	criteria: string[];
	level: string;
};

/** Records an interview or a focus group about a touchpoint (editors). */
export async function recordInterview(
	db: Db,
	userId: string,
	workspaceId: string,
	touchpointId: string,
	input: NewInterview
): Promise<string> {
	await allowedTouchpoint(db, userId, workspaceId, touchpointId, 'edit');
	const parsed = interviewSchema.safeParse({
		kind: input.kind,
		heldOn: input.heldOn.trim(),
		participants: lines(input.participants),
		thanked: input.thanked,
		summary: clean(input.summary),
		quotes: lines(input.quotes),
		criteria: [...new Set(input.criteria)],
		level: input.level.trim() || null
	});
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw invalid(issue.message as never, String(issue.path[0] ?? 'form'));
	}
	const [row] = await db
		.insert(customerInterviews)
		.values({ workspaceId, touchpointId, ...parsed.data, createdBy: userId })
		.returning({ id: customerInterviews.id });
	return row.id;
}

/** The touchpoint's interviews, newest first; the customers' names only for those who may see contacts. */
export async function listInterviews(
	db: Db,
	userId: string,
	workspaceId: string,
	touchpointId: string
): Promise<InterviewView[]> {
	const { actor } = await allowedTouchpoint(db, userId, workspaceId, touchpointId, 'read');
	const seesNames = can(actor, 'seeContacts', { type: 'touchpoint' });
	const rows = await db
		.select()
		.from(customerInterviews)
		.where(eq(customerInterviews.touchpointId, touchpointId))
		.orderBy(desc(customerInterviews.heldOn), desc(customerInterviews.createdAt));
	return rows.map((row) => ({
		id: row.id,
		kind: row.kind,
		heldOn: row.heldOn,
		participants: seesNames ? row.participants : [],
		participantCount: row.participants.length,
		thanked: row.thanked,
		summary: row.summary,
		quotes: row.quotes,
		criteria: row.criteria.filter((c): c is Criterion =>
			(CRITERIA as readonly string[]).includes(c)
		),
		level: row.level
	}));
}
