import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { criterionChecks, voteItems, voteRounds } from '../db/schema';
import { DomainError } from '../errors';
import {
	loadSessionContext,
	requireOpenStage,
	type SessionActor,
	type SessionContext
} from '../sessions/access';
import { events } from '../ports';
import { winningCriteria } from '../voting/results';

import type { ChecklistItem } from '$lib/draft/types';

/** The criteria checklist beside the draft, as `ctx` sees it: counts for all, ticks of their own. */
export async function checklist(db: Db, ctx: SessionContext): Promise<ChecklistItem[]> {
	const items = await winningCriteria(db, ctx.session.id);
	if (!items.length) return [];
	const counts = await db
		.select({
			itemId: criterionChecks.itemId,
			agree: sql<number>`count(*)::int`,
			mine: sql<boolean>`bool_or(${criterionChecks.participantId} = ${ctx.participant.id})`
		})
		.from(criterionChecks)
		.innerJoin(voteItems, eq(voteItems.id, criterionChecks.itemId))
		.innerJoin(
			voteRounds,
			and(eq(voteRounds.id, voteItems.roundId), eq(voteRounds.sessionId, ctx.session.id))
		)
		.groupBy(criterionChecks.itemId);
	return items.map((item) => {
		const row = counts.find((count) => count.itemId === item.id);
		return { itemId: item.id, text: item.text, agree: row?.agree ?? 0, mine: row?.mine ?? false };
	});
}

/** A participant ticks (or unticks) that the current draft meets a winning criterion. */
export async function setCheck(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	itemId: string,
	checked: boolean
) {
	const ctx = await loadSessionContext(db, actor, sessionId);
	requireOpenStage(ctx, 'draft');
	if (!(await winningCriteria(db, sessionId)).some((item) => item.id === itemId))
		throw new DomainError('not_found', 404, 'itemId');
	if (checked)
		await db
			.insert(criterionChecks)
			.values({ itemId, participantId: ctx.participant.id })
			.onConflictDoNothing();
	else
		await db
			.delete(criterionChecks)
			.where(
				and(
					eq(criterionChecks.itemId, itemId),
					eq(criterionChecks.participantId, ctx.participant.id)
				)
			);
	events.publish(sessionId, 'draft');
}
