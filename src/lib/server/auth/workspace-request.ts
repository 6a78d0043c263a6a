// One database round trip for a signed-in request to a workspace page: the session and its user,
// the user's membership in the workspace, the list of their workspaces (the shell's switcher) and,
// for the reader pages, the published versions with the user's acknowledgements (where it was
// session, membership twice, workspace list and versions, one after the other).
import { timingSafeEqual } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { authSessions, memberships, users, workspaces } from '../db/schema';
import type { Membership, Role } from '../workspaces/access';
import type { SessionUser } from './session';

/** A published version as the reader pages list it, with the reader's acknowledgement. */
export type ReaderVersion = {
	id: string;
	version: number;
	publishedAt: Date;
	acknowledgedAt: Date | null;
};

/** A workspace in the user's switcher. */
export type UserWorkspace = { id: string; name: string; role: Role };

export type WorkspaceRequest = {
	sessionId: string;
	expiresAt: Date;
	user: SessionUser;
	workspaceId: string;
	/** Null: the user is not a member of `workspaceId`. */
	membership: Membership | null;
	workspaces: UserWorkspace[];
	/** Newest first; null unless asked for. */
	versions: ReaderVersion[] | null;
};

// Literal table names in the subqueries: drizzle cannot alias a table inside raw SQL.
const userWorkspacesJson = sql<string>`(
	select coalesce(json_agg(json_build_object('id', w.id, 'name', w.name, 'role', m.role)
		order by m.created_at, w.id), '[]')::text
	from memberships m join workspaces w on w.id = m.workspace_id
	where m.user_id = ${users.id})`;

const readerVersionsJson = (workspaceId: string) => sql<string>`(
	select coalesce(json_agg(json_build_object('id', p.id, 'version', p.version,
		'publishedAt', p.published_at, 'acknowledgedAt', a.acknowledged_at)
		order by p.version desc), '[]')::text
	from publications p
	left join acknowledgements a on a.publication_id = p.id and a.user_id = ${users.id}
	where p.workspace_id = ${workspaceId})`;

/** The raw row of `sessionId` with the user's place in `workspaceId`; undefined: no such session. */
async function selectWorkspaceRequest(
	db: DbOrTx,
	sessionId: string,
	workspaceId: string,
	withVersions: boolean
) {
	const [row] = await db
		.select({
			sessionId: authSessions.id,
			expiresAt: authSessions.expiresAt,
			user: { id: users.id, email: users.email, name: users.name, language: users.language },
			role: memberships.role,
			departmentId: memberships.departmentId,
			workspaceName: workspaces.name,
			workspaces: userWorkspacesJson,
			versions: withVersions ? readerVersionsJson(workspaceId) : sql<string | null>`null`
		})
		.from(authSessions)
		.innerJoin(users, eq(users.id, authSessions.userId))
		.leftJoin(
			memberships,
			and(eq(memberships.userId, users.id), eq(memberships.workspaceId, workspaceId))
		)
		.leftJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
		.where(eq(authSessions.id, sessionId));
	if (!row || !timingSafeEqual(Buffer.from(row.sessionId), Buffer.from(sessionId)))
		return undefined;
	return row;
}

type VersionJson = {
	id: string;
	version: number;
	publishedAt: string;
	acknowledgedAt: string | null;
};

function parseVersions(text: string): ReaderVersion[] {
	const rows = JSON.parse(text) as VersionJson[];
	return rows.map((row) => ({
		id: row.id,
		version: row.version,
		publishedAt: new Date(row.publishedAt),
		acknowledgedAt: row.acknowledgedAt === null ? null : new Date(row.acknowledgedAt)
	}));
}

/** The workspace request of a session (by its stored id), or null when there is no such session. */
export async function loadWorkspaceRequest(
	db: DbOrTx,
	sessionId: string,
	workspaceId: string,
	withVersions: boolean
): Promise<WorkspaceRequest | null> {
	const row = await selectWorkspaceRequest(db, sessionId, workspaceId, withVersions);
	if (!row) return null;
	const membership: Membership | null =
		row.role && row.workspaceName !== null
			? {
					workspaceId,
					workspaceName: row.workspaceName,
					userId: row.user.id,
					role: row.role,
					departmentId: row.departmentId
				}
			: null;
	const userWorkspaces = JSON.parse(row.workspaces) as UserWorkspace[];
	return {
		sessionId: row.sessionId,
		expiresAt: row.expiresAt,
		user: row.user,
		workspaceId,
		membership,
		workspaces: userWorkspaces,
		versions: row.versions === null ? null : parseVersions(row.versions)
	};
}
