// In-app notices for one member of a workspace (e.g. "you now own this touchpoint"): written by
// the service that causes them, in its transaction; read, counted and marked read by their owner.
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import { notifications, users } from '../db/schema';
import { notFound } from '../errors';
import { requireAllowed } from '../policies';
import {
	queueActionOwnerMail,
	queueStageActionOwnerMail,
	queueTouchpointOwnerMail
} from '../mail/events';

/** Kinds of notice the app sends. */
export const notificationKinds = [
	'touchpoint_assigned',
	'action_assigned',
	'stage_action_assigned'
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** A notice to write. */
export type NewNotification = {
	workspaceId: string;
	/** Who receives it. */
	userId: string;
	kind: NotificationKind;
	/** The object it is about (a touchpoint; for a stage's action, the journey map). */
	subjectId: string | null;
	/** Names the message needs, as they are now. */
	payload: Record<string, string>;
	/** Who caused it. */
	actorId: string | null;
};

/** A notice as its reader sees it. */
export type NotificationView = {
	id: string;
	kind: string;
	subjectId: string | null;
	payload: Record<string, string>;
	actorName: string | null;
	createdAt: Date;
	readAt: Date | null;
};

/** Writes a notice (call it inside the transaction of the change it tells about). */
export async function notify(db: DbOrTx, notice: NewNotification): Promise<void> {
	const [row] = await db.insert(notifications).values(notice).returning({ id: notifications.id });
	if (notice.kind === 'touchpoint_assigned' && notice.subjectId)
		await queueTouchpointOwnerMail(db, {
			workspaceId: notice.workspaceId,
			userId: notice.userId,
			touchpointId: notice.subjectId,
			eventId: row.id
		});
	if (notice.kind === 'action_assigned' && notice.subjectId)
		await queueActionOwnerMail(db, {
			workspaceId: notice.workspaceId,
			userId: notice.userId,
			touchpointId: notice.subjectId,
			eventId: row.id,
			actionTitle: notice.payload.name ?? '',
			dueOn: notice.payload.dueOn ?? null
		});
	if (notice.kind === 'stage_action_assigned' && notice.subjectId)
		await queueStageActionOwnerMail(db, {
			workspaceId: notice.workspaceId,
			userId: notice.userId,
			mapId: notice.subjectId,
			stageId: notice.payload.stageId ?? '',
			stageName: notice.payload.stage ?? '',
			eventId: row.id,
			actionTitle: notice.payload.name ?? '',
			dueOn: notice.payload.dueOn ?? null
		});
}

/** The user's newest notices in a workspace. */
export async function listNotifications(
	db: Db,
	userId: string,
	workspaceId: string,
	limit = 100
): Promise<NotificationView[]> {
	await requireAllowed(db, userId, workspaceId, 'read');
	return db
		.select({
			id: notifications.id,
			kind: notifications.kind,
			subjectId: notifications.subjectId,
			payload: notifications.payload,
			actorName: users.name,
			createdAt: notifications.createdAt,
			readAt: notifications.readAt
		})
		.from(notifications)
		.leftJoin(users, eq(users.id, notifications.actorId))
		.where(and(eq(notifications.userId, userId), eq(notifications.workspaceId, workspaceId)))
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(limit);
}

/** How many of the user's notices in a workspace are unread. */
export async function unreadCount(db: Db, userId: string, workspaceId: string): Promise<number> {
	await requireAllowed(db, userId, workspaceId, 'read');
	const [row] = await db
		.select({ unread: count() })
		.from(notifications)
		.where(
			and(
				eq(notifications.userId, userId),
				eq(notifications.workspaceId, workspaceId),
				isNull(notifications.readAt)
			)
		);
	return row?.unread ?? 0;
}

/** Marks one of the user's notices read (again is fine); someone else's is not found. */
export async function markRead(
	db: Db,
	userId: string,
	workspaceId: string,
	id: string
): Promise<void> {
	await requireAllowed(db, userId, workspaceId, 'read');
	const [row] = await db
		.select({ readAt: notifications.readAt })
		.from(notifications)
		.where(
			and(
				eq(notifications.id, id),
				eq(notifications.userId, userId),
				eq(notifications.workspaceId, workspaceId)
			)
		);
	if (!row) throw notFound();
	if (!row.readAt)
		await db.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, id));
}

/** Marks all of the user's notices in a workspace read. */
export async function markAllRead(db: Db, userId: string, workspaceId: string): Promise<void> {
	await requireAllowed(db, userId, workspaceId, 'read');
	await db
		.update(notifications)
		.set({ readAt: new Date() })
		.where(
			and(
				eq(notifications.userId, userId),
				eq(notifications.workspaceId, workspaceId),
				isNull(notifications.readAt)
			)
		);
}
