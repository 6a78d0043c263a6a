import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { COMMENT_MAX, LEVELS, levelScore, type Level, type StaffView } from '$lib/voice/model';
import { withoutControlCharacters } from '$lib/validation/fields';
import type { Db } from '../db';
import { departments, memberships, staffAssessments } from '../db/schema';
import { forbidden, invalid } from '../errors';
import { can } from '../policies';
import { allowedTouchpoint } from './questionnaires';

const assessmentSchema = z.object({
	level: z.enum(LEVELS, { error: 'answer_level_required' }),
	comment: z
		.string()
		.transform((value) => withoutControlCharacters(value).trim())
		.pipe(z.string().max(COMMENT_MAX, { error: 'text_too_long' }))
});

/** Records (or replaces) the member's view of how customers experience the touchpoint. */
export async function assessTouchpoint(
	db: Db,
	userId: string,
	workspaceId: string,
	touchpointId: string,
	input: { level: string; comment: string }
): Promise<void> {
	const { actor } = await allowedTouchpoint(db, userId, workspaceId, touchpointId, 'read');
	if (!can(actor, 'assess', { type: 'touchpoint' })) throw forbidden();
	const parsed = assessmentSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw invalid(issue.message as never, String(issue.path[0] ?? 'form'));
	}
	const [membership] = await db
		.select({ departmentId: memberships.departmentId })
		.from(memberships)
		.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
	const row = {
		touchpointId,
		userId,
		departmentId: membership?.departmentId ?? null,
		level: parsed.data.level,
		comment: parsed.data.comment,
		updatedAt: new Date()
	};
	await db
		.insert(staffAssessments)
		.values(row)
		.onConflictDoUpdate({
			target: [staffAssessments.touchpointId, staffAssessments.userId],
			set: row
		});
}

const mean = (pairs: { level: Level; count: number }[]): number | null => {
	const total = pairs.reduce((sum, p) => sum + p.count, 0);
	if (!total) return null;
	const score = pairs.reduce((sum, p) => sum + levelScore(p.level) * p.count, 0);
	return Math.round((score / total) * 100) / 100;
};

/** The staff's view of the touchpoint: the four levels, the mean, per department. */
export async function staffView(db: Db, touchpointId: string, userId: string): Promise<StaffView> {
	const rows = await db
		.select({
			level: staffAssessments.level,
			department: departments.name,
			count: sql<number>`count(*)::int`
		})
		.from(staffAssessments)
		.leftJoin(departments, eq(departments.id, staffAssessments.departmentId))
		.where(eq(staffAssessments.touchpointId, touchpointId))
		.groupBy(staffAssessments.level, departments.name);
	const [mine] = await db
		.select({ level: staffAssessments.level, comment: staffAssessments.comment })
		.from(staffAssessments)
		.where(
			and(eq(staffAssessments.touchpointId, touchpointId), eq(staffAssessments.userId, userId))
		);
	const counts = Object.fromEntries(LEVELS.map((level) => [level, 0])) as Record<Level, number>;
	for (const row of rows) counts[row.level] += row.count;
	const byDepartment = new Map<string | null, { level: Level; count: number }[]>();
	for (const row of rows)
		byDepartment.set(row.department, [...(byDepartment.get(row.department) ?? []), row]);
	return {
		total: rows.reduce((sum, row) => sum + row.count, 0),
		counts,
		mean: mean(LEVELS.map((level) => ({ level, count: counts[level] }))),
		departments: [...byDepartment].map(([name, pairs]) => ({
			name,
			total: pairs.reduce((sum, p) => sum + p.count, 0),
			mean: mean(pairs)!
		})),
		mine: mine ?? null
	};
}
