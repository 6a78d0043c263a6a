// The printable "customer experience" page of a workspace: each touchpoint's four levels, both
// means, the gap, the trend by month and its improvement actions. Figures and action titles only:
// no comment or contact a customer left.
import { asc, eq, sql } from 'drizzle-orm';
import { CRITERIA, MIN_ANSWERS, type Criterion, type ExperienceTouchpoint } from '$lib/voice/model';
import type { Db } from '../db';
import { customerLevelTallies, improvementActions, touchpoints, users } from '../db/schema';
import { experienceRows } from './experience';

/** Every touchpoint of the workspace with its figures, trend and actions, largest gap first. */
export async function experiencePage(
	db: Db,
	userId: string,
	workspaceId: string,
	today = new Date().toISOString().slice(0, 10)
): Promise<ExperienceTouchpoint[]> {
	const rows = await experienceRows(db, userId, workspaceId);
	const [months, actions] = await Promise.all([
		db
			.select({
				id: customerLevelTallies.touchpointId,
				month: customerLevelTallies.month,
				total: sql<number>`sum(${customerLevelTallies.answers})::int`,
				satisfied: sql<number>`(coalesce(sum(${customerLevelTallies.answers}) filter (where ${customerLevelTallies.level} in ('meets', 'exceeds')), 0))::int`
			})
			.from(customerLevelTallies)
			.innerJoin(touchpoints, eq(touchpoints.id, customerLevelTallies.touchpointId))
			.where(eq(touchpoints.workspaceId, workspaceId))
			.groupBy(customerLevelTallies.touchpointId, customerLevelTallies.month)
			.orderBy(customerLevelTallies.month),
		db
			.select({
				id: improvementActions.id,
				touchpointId: improvementActions.touchpointId,
				title: improvementActions.title,
				criterion: improvementActions.criterion,
				ownerName: users.name,
				dueOn: improvementActions.dueOn,
				status: improvementActions.status
			})
			.from(improvementActions)
			.leftJoin(users, eq(users.id, improvementActions.ownerId))
			.where(eq(improvementActions.workspaceId, workspaceId))
			.orderBy(asc(improvementActions.createdAt))
	]);
	return rows.map((row) => ({
		...row,
		tooFew: row.answers < MIN_ANSWERS,
		months: months
			.filter((m) => m.id === row.id)
			.map(({ month, total, satisfied }) => ({ month, total, satisfied })),
		actions: actions
			.filter((action) => action.touchpointId === row.id)
			.map(({ touchpointId: _, ...action }) => ({
				...action,
				criterion: (CRITERIA as readonly string[]).includes(action.criterion ?? '')
					? (action.criterion as Criterion)
					: null,
				overdue: action.status !== 'done' && action.dueOn !== null && action.dueOn < today
			}))
	}));
}
