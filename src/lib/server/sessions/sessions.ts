import { randomInt } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { defaultStages, type Anonymity } from '$lib/sessions/stages';
import type { Db } from '../db';
import { memberships, sessionParticipants, strategySessions } from '../db/schema';
import { invalid } from '../errors';
import { activeMembership } from '../workspaces/access';
import { actorOfMembership, can, requireAllowed, WORKSPACE } from '../policies';
import { queueSessionInvites } from '../mail/events';

const GUEST_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A six-character code without look-alike characters (no 0/O, 1/I). */
export function generateGuestCode(): string {
	return Array.from(
		{ length: 6 },
		() => GUEST_CODE_ALPHABET[randomInt(GUEST_CODE_ALPHABET.length)]
	).join('');
}

export type NewSession = {
	title: string;
	goal: string;
	scheduledOn: string | null;
	anonymity: Anonymity;
	allowGuests: boolean;
	participantIds: string[];
};

/**
 * A facilitator or admin creates a session from the "Customer focus" template; the creator
 * facilitates it and the chosen members of the workspace take part.
 */
export async function createSession(
	db: Db,
	actorId: string,
	workspaceId: string,
	input: NewSession
): Promise<string> {
	await requireAllowed(db, actorId, workspaceId, 'facilitate');
	const chosen = [...new Set(input.participantIds.filter((id) => id !== actorId))];
	if (chosen.length) {
		const found = await db
			.select({ userId: memberships.userId, role: memberships.role })
			.from(memberships)
			.where(
				and(
					eq(memberships.workspaceId, workspaceId),
					inArray(memberships.userId, chosen),
					activeMembership
				)
			);
		if (found.length !== chosen.length) throw invalid('participant_unknown', 'participantIds');
		// A reader reads and acknowledges; a session is for those who write.
		if (
			found.some(
				({ userId, role }) => !can({ kind: 'member', userId, role }, 'editContent', WORKSPACE)
			)
		)
			throw invalid('participant_reader', 'participantIds');
	}
	return db.transaction(async (tx) => {
		const [session] = await tx
			.insert(strategySessions)
			.values({
				workspaceId,
				title: input.title,
				goal: input.goal,
				scheduledOn: input.scheduledOn,
				anonymity: input.anonymity,
				stages: defaultStages(),
				guestCode: input.allowGuests ? generateGuestCode() : null,
				createdBy: actorId
			})
			.returning({ id: strategySessions.id });
		await tx
			.insert(sessionParticipants)
			.values([
				{ sessionId: session.id, userId: actorId, isFacilitator: true },
				...chosen.map((userId) => ({ sessionId: session.id, userId }))
			]);
		await queueSessionInvites(
			tx,
			{
				id: session.id,
				workspaceId,
				title: input.title,
				scheduledOn: input.scheduledOn,
				inviterId: actorId
			},
			chosen
		);
		return session.id;
	});
}

/** Sessions of a workspace the actor may open: all of them for facilitators and admins, else their own. */
export async function listSessions(db: Db, actorId: string, workspaceId: string) {
	const membership = await requireAllowed(db, actorId, workspaceId, 'read');
	const rows = await db
		.select({
			id: strategySessions.id,
			title: strategySessions.title,
			goal: strategySessions.goal,
			scheduledOn: strategySessions.scheduledOn,
			currentStage: strategySessions.currentStage,
			createdAt: strategySessions.createdAt,
			participantUserId: sessionParticipants.userId
		})
		.from(strategySessions)
		.leftJoin(
			sessionParticipants,
			and(
				eq(sessionParticipants.sessionId, strategySessions.id),
				eq(sessionParticipants.userId, actorId)
			)
		)
		.where(eq(strategySessions.workspaceId, workspaceId))
		.orderBy(desc(strategySessions.createdAt));
	const facilitates = can(actorOfMembership(actorId, membership), 'facilitate', WORKSPACE);
	return rows
		.filter((row) => facilitates || row.participantUserId !== null)
		.map(({ participantUserId, ...row }) => ({
			...row,
			isParticipant: participantUserId !== null
		}));
}
