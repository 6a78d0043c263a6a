import { and, asc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
	ACTION_STATUSES,
	ACTION_TITLE_MAX,
	CRITERIA,
	levelScore,
	type ActionView,
	type BeforeAfter
} from '$lib/voice/model';
import { withoutControlCharacters } from '$lib/validation/fields';
import type { Db, DbOrTx } from '../db';
import { customerAnswers, improvementActions, memberships, users } from '../db/schema';
import { forbidden, invalid, notFound } from '../errors';
import { can, type Actor } from '../policies';
import { notify } from '../notifications/notifications';
import { allowedTouchpoint } from './questionnaires';

const actionSchema = z.object({
	title: z
		.string()
		.transform((value) => withoutControlCharacters(value).trim())
		.pipe(
			z
				.string()
				.min(1, { error: 'text_required' })
				.max(ACTION_TITLE_MAX, { error: 'text_too_long' })
		),
	criterion: z.enum(CRITERIA).nullable(),
	ownerId: z.uuid({ error: 'owner_unknown' }).nullable(),
	dueOn: z.iso.date({ error: 'invalid_input' }).nullable()
});

export type NewAction = { title: string; criterion: string; ownerId: string; dueOn: string };

const orNull = (value: string) => (value.trim() ? value.trim() : null);

/** The action's fields, validated and bounded. */
function parseAction(input: NewAction) {
	const parsed = actionSchema.safeParse({
		title: input.title,
		criterion: orNull(input.criterion),
		ownerId: orNull(input.ownerId),
		dueOn: orNull(input.dueOn)
	});
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = String(issue.path[0] ?? 'form');
		throw invalid(field === 'title' ? (issue.message as never) : 'invalid_input', field);
	}
	return parsed.data;
}

/** Refuses an owner who is not a member of the workspace. */
async function requireOwnerInWorkspace(
	db: DbOrTx,
	workspaceId: string,
	ownerId: string | null
): Promise<void> {
	if (!ownerId) return;
	const [member] = await db
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, ownerId)));
	if (!member) throw invalid('owner_unknown', 'ownerId');
}

/** Creates an improvement action on a touchpoint (editors); its owner is told in the app. */
export async function createAction(
	db: Db,
	userId: string,
	workspaceId: string,
	touchpointId: string,
	input: NewAction
): Promise<string> {
	const { touchpoint } = await allowedTouchpoint(db, userId, workspaceId, touchpointId, 'edit');
	return insertAction(db, userId, workspaceId, input, {
		subject: { touchpointId },
		notice: {
			kind: 'action_assigned',
			subjectId: touchpointId,
			payload: { touchpoint: touchpoint.name }
		}
	});
}

/**
 * What an action is attached to, and its owner's notice: its kind, what it links to (the
 * touchpoint, or the stage's map) and the names it shows besides the action's title and due date.
 */
export type ActionSubject = {
	subject: { touchpointId: string } | { journeyMapId: string; stageId: string };
	notice: {
		kind: 'action_assigned' | 'stage_action_assigned';
		subjectId: string;
		payload: Record<string, string>;
	};
};

/** Stores a checked action on its subject and tells its owner (unless they made it themselves), in the app and by mail. */
export async function insertAction(
	db: Db,
	userId: string,
	workspaceId: string,
	input: NewAction,
	{ subject, notice }: ActionSubject
): Promise<string> {
	const action = parseAction(input);
	return db.transaction(async (tx) => {
		await requireOwnerInWorkspace(tx, workspaceId, action.ownerId);
		const [row] = await tx
			.insert(improvementActions)
			.values({ workspaceId, ...subject, ...action, createdBy: userId })
			.returning({ id: improvementActions.id });
		if (action.ownerId && action.ownerId !== userId)
			await notify(tx, {
				workspaceId,
				userId: action.ownerId,
				kind: notice.kind,
				subjectId: notice.subjectId,
				payload: {
					...notice.payload,
					name: action.title,
					...(action.dueOn ? { dueOn: action.dueOn } : {})
				},
				actorId: userId
			});
		return row.id;
	});
}

/** Moves an action on (editors, or its owner); done stamps the moment that splits before from after. */
export async function setActionStatus(
	db: Db,
	userId: string,
	workspaceId: string,
	touchpointId: string,
	actionId: string,
	status: string,
	now = new Date()
): Promise<void> {
	const { actor } = await allowedTouchpoint(db, userId, workspaceId, touchpointId, 'read');
	await moveActionOn(db, actor, userId, {
		action: and(
			eq(improvementActions.id, actionId),
			eq(improvementActions.touchpointId, touchpointId)
		),
		status,
		now
	});
}

/**
 * Sets the status of the action `action` finds (on the subject the caller opened) when `actor` may
 * update it; done keeps the first moment it was done, any other status clears it.
 */
export async function moveActionOn(
	db: Db,
	actor: Actor,
	userId: string,
	move: { action: SQL | undefined; status: string; now: Date }
): Promise<void> {
	const status = ACTION_STATUSES.find((known) => known === move.status);
	if (!status) throw invalid('invalid_input', 'status');
	const [action] = await db
		.select({
			id: improvementActions.id,
			ownerId: improvementActions.ownerId,
			doneAt: improvementActions.doneAt
		})
		.from(improvementActions)
		.where(move.action);
	if (!action) throw notFound();
	if (!can(actor, 'update', { type: 'improvementAction', ownedByActor: action.ownerId === userId }))
		throw forbidden();
	await db
		.update(improvementActions)
		.set({ status, doneAt: status === 'done' ? (action.doneAt ?? move.now) : null })
		.where(eq(improvementActions.id, action.id));
}

/** Customer answers to the touchpoint before and after `at`. */
const beforeAfter = (db: Db, touchpointId: string, at: Date) =>
	answersBeforeAfter(db, eq(customerAnswers.touchpointId, touchpointId), at);

/** Customer answers matching `about` (a condition on customer_answers) before and after `at`. */
export async function answersBeforeAfter(db: Db, about: SQL, at: Date): Promise<BeforeAfter> {
	const side = async (when: SQL) => {
		const rows = await db
			.select({ level: customerAnswers.level, count: sql<number>`count(*)::int` })
			.from(customerAnswers)
			.where(and(about, when))
			.groupBy(customerAnswers.level);
		const total = rows.reduce((sum, row) => sum + row.count, 0);
		const score = rows.reduce((sum, row) => sum + levelScore(row.level) * row.count, 0);
		return {
			total,
			mean: total ? Math.round((score / total) * 100) / 100 : null,
			satisfied: rows
				.filter((row) => row.level === 'meets' || row.level === 'exceeds')
				.reduce((sum, row) => sum + row.count, 0)
		};
	};
	const [before, after] = await Promise.all([
		side(lt(customerAnswers.createdAt, at)),
		side(gte(customerAnswers.createdAt, at))
	]);
	return { before, after };
}

/** The actions `where` selects, oldest first, with their owner's name. */
export function actionRows(db: Db, where: SQL) {
	return db
		.select({
			id: improvementActions.id,
			stageId: improvementActions.stageId,
			title: improvementActions.title,
			criterion: improvementActions.criterion,
			ownerId: improvementActions.ownerId,
			ownerName: users.name,
			dueOn: improvementActions.dueOn,
			status: improvementActions.status,
			doneAt: improvementActions.doneAt
		})
		.from(improvementActions)
		.leftJoin(users, eq(users.id, improvementActions.ownerId))
		.where(where)
		.orderBy(asc(improvementActions.createdAt));
}

type ActionRow = Awaited<ReturnType<typeof actionRows>>[number];

/** An action as a page shows it: overdue marked (`today` is an ISO date), a done one with its answers before and after. */
export async function actionView(
	{ stageId, ...row }: ActionRow,
	today: string,
	answersAround: (doneAt: Date) => Promise<BeforeAfter>
): Promise<ActionView> {
	return {
		...row,
		criterion: CRITERIA.find((criterion) => criterion === row.criterion) ?? null,
		doneAt: row.doneAt?.toISOString() ?? null,
		overdue: row.status !== 'done' && row.dueOn !== null && row.dueOn < today,
		beforeAfter: row.doneAt ? await answersAround(row.doneAt) : null
	};
}

/** The touchpoint's actions, overdue ones marked, done ones with their before and after. */
export async function listActions(
	db: Db,
	userId: string,
	workspaceId: string,
	touchpointId: string,
	today = new Date().toISOString().slice(0, 10)
): Promise<ActionView[]> {
	await allowedTouchpoint(db, userId, workspaceId, touchpointId, 'read');
	const rows = await actionRows(db, eq(improvementActions.touchpointId, touchpointId));
	return Promise.all(
		rows.map((row) => actionView(row, today, (doneAt) => beforeAfter(db, touchpointId, doneAt)))
	);
}
