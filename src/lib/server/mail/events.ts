// The events that send mail, each queued in the transaction of the change it tells about, with an
// event key that makes a second queuing of the same event a no-op.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import {
	journeyMaps,
	mailMessages,
	memberships,
	touchpoints,
	users,
	workspaces
} from '../db/schema';
import { ruleText } from '../touchpoints/sanitize';
import { enqueueMail } from './queue';
import type { MailKind } from './render';
import { requireAllowed } from '../policies';

async function workspaceName(db: DbOrTx, workspaceId: string): Promise<string> {
	const [row] = await db
		.select({ name: workspaces.name })
		.from(workspaces)
		.where(eq(workspaces.id, workspaceId));
	return row?.name ?? '';
}

/** A member a mail goes to. */
type Recipient = { userId: string; email: string; language: string };

/** Queues a mail about the workspace to one of its members; every such mail names the workspace. */
async function queueMemberMail(
	db: DbOrTx,
	mail: {
		kind: MailKind;
		eventKey: string;
		workspace: { id: string; name: string };
		to: Recipient;
		payload: Record<string, string>;
	}
): Promise<void> {
	await enqueueMail(db, {
		workspaceId: mail.workspace.id,
		eventKey: mail.eventKey,
		kind: mail.kind,
		userId: mail.to.userId,
		toAddress: mail.to.email,
		language: mail.to.language,
		payload: { workspaceId: mail.workspace.id, workspaceName: mail.workspace.name, ...mail.payload }
	});
}

/** Every member of the workspace is told that a version was published. */
export async function queueAnnouncement(
	db: DbOrTx,
	publication: { id: string; workspaceId: string; version: number; sessionTitle: string }
): Promise<void> {
	const name = await workspaceName(db, publication.workspaceId);
	const members = await db
		.select({ userId: users.id, email: users.email, language: users.language })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.workspaceId, publication.workspaceId));
	if (!members.length) return;
	await db
		.insert(mailMessages)
		.values(
			members.map((member) => ({
				workspaceId: publication.workspaceId,
				eventKey: `announcement:${publication.id}:${member.userId}`,
				kind: 'announcement',
				userId: member.userId,
				toAddress: member.email,
				language: member.language,
				publicationId: publication.id,
				payload: {
					workspaceId: publication.workspaceId,
					workspaceName: name,
					version: String(publication.version),
					sessionTitle: publication.sessionTitle
				}
			}))
		)
		.onConflictDoNothing({ target: mailMessages.eventKey });
}

/** Who owns something on a touchpoint, and that touchpoint, as a mail about it needs them. */
type OwnerNotice = { workspaceId: string; userId: string; touchpointId: string; eventId: string };

/**
 * Queues mail to the owner of something on a touchpoint (the touchpoint itself, or an action on
 * it). `eventId` tells assignments apart (the notification's id), so owning it again is a new event.
 */
async function queueOwnerMail(
	db: DbOrTx,
	kind: 'touchpoint_owner' | 'action_owner',
	notice: OwnerNotice,
	payloadOf: (touchpoint: { name: string; ruleHtml: string }) => Record<string, string>
): Promise<void> {
	const [row] = await db
		.select({
			email: users.email,
			language: users.language,
			name: touchpoints.name,
			ruleHtml: touchpoints.ruleHtml
		})
		.from(touchpoints)
		.innerJoin(users, eq(users.id, notice.userId))
		.where(
			and(eq(touchpoints.id, notice.touchpointId), eq(touchpoints.workspaceId, notice.workspaceId))
		);
	if (!row) return;
	await queueMemberMail(db, {
		kind,
		eventKey: `${kind}:${notice.eventId}:${notice.userId}`,
		workspace: { id: notice.workspaceId, name: await workspaceName(db, notice.workspaceId) },
		to: { userId: notice.userId, email: row.email, language: row.language },
		payload: { touchpointId: notice.touchpointId, touchpointName: row.name, ...payloadOf(row) }
	});
}

/** A touchpoint's new owner is told what they own and its rule. */
export function queueTouchpointOwnerMail(db: DbOrTx, notice: OwnerNotice): Promise<void> {
	return queueOwnerMail(db, 'touchpoint_owner', notice, (touchpoint) => ({
		rule: ruleText(touchpoint.ruleHtml)
	}));
}

/** An improvement action's new owner is told what they own on which touchpoint, and when it is due. */
export function queueActionOwnerMail(
	db: DbOrTx,
	notice: OwnerNotice & { actionTitle: string; dueOn: string | null }
): Promise<void> {
	return queueOwnerMail(db, 'action_owner', notice, () => ({
		actionTitle: notice.actionTitle,
		...(notice.dueOn ? { dueOn: notice.dueOn } : {})
	}));
}

/**
 * An improvement action's new owner on a journey stage is told what they own on which stage of
 * which map, and when it is due; the mail opens the map at the stage.
 */
export async function queueStageActionOwnerMail(
	db: DbOrTx,
	notice: {
		workspaceId: string;
		userId: string;
		mapId: string;
		stageId: string;
		stageName: string;
		eventId: string;
		actionTitle: string;
		dueOn: string | null;
	}
): Promise<void> {
	const [row] = await db
		.select({ email: users.email, language: users.language, mapTitle: journeyMaps.title })
		.from(journeyMaps)
		.innerJoin(users, eq(users.id, notice.userId))
		.where(and(eq(journeyMaps.id, notice.mapId), eq(journeyMaps.workspaceId, notice.workspaceId)));
	if (!row) return;
	await queueMemberMail(db, {
		kind: 'stage_action_owner',
		eventKey: `stage_action_owner:${notice.eventId}:${notice.userId}`,
		workspace: { id: notice.workspaceId, name: await workspaceName(db, notice.workspaceId) },
		to: { userId: notice.userId, email: row.email, language: row.language },
		payload: {
			mapId: notice.mapId,
			mapTitle: row.mapTitle,
			stageId: notice.stageId,
			stageName: notice.stageName,
			actionTitle: notice.actionTitle,
			...(notice.dueOn ? { dueOn: notice.dueOn } : {})
		}
	});
}

/** Members added to a session are invited to it (with its date when it has one). */
export async function queueSessionInvites(
	db: DbOrTx,
	session: {
		id: string;
		workspaceId: string;
		title: string;
		scheduledOn: string | null;
		inviterId: string;
	},
	userIds: string[]
): Promise<void> {
	const name = await workspaceName(db, session.workspaceId);
	const [inviter] = await db
		.select({ name: users.name })
		.from(users)
		.where(eq(users.id, session.inviterId));
	for (const userId of userIds) {
		const [user] = await db
			.select({ email: users.email, language: users.language })
			.from(users)
			.where(eq(users.id, userId));
		if (!user) continue;
		await queueMemberMail(db, {
			kind: 'session_invite',
			eventKey: `session_invite:${session.id}:${userId}`,
			workspace: { id: session.workspaceId, name },
			to: { userId, ...user },
			payload: {
				sessionId: session.id,
				sessionTitle: session.title,
				scheduledOn: session.scheduledOn ?? '',
				inviterName: inviter?.name ?? ''
			}
		});
	}
}

/**
 * Admins only: mails an invitation link they just created to an address (the person has no
 * account yet, so it is written in the admin's language).
 */
export async function mailInvite(
	db: DbOrTx,
	actorId: string,
	workspaceId: string,
	invite: { id: string; email: string; link: string; expiresAt: Date }
): Promise<void> {
	await requireAllowed(db, actorId, workspaceId, 'manageMembers');
	const [inviter] = await db
		.select({ name: users.name, language: users.language })
		.from(users)
		.where(eq(users.id, actorId));
	await enqueueMail(db, {
		workspaceId,
		eventKey: `workspace_invite:${invite.id}`,
		kind: 'workspace_invite',
		userId: null,
		toAddress: invite.email,
		language: inviter?.language ?? 'en',
		payload: {
			workspaceId,
			workspaceName: await workspaceName(db, workspaceId),
			inviterName: inviter?.name ?? '',
			expiresAt: invite.expiresAt.toISOString(),
			link: invite.link
		}
	});
}
