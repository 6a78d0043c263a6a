// The published definition as every member of the workspace reads it, and their
// "I have read and understood". Guests have no user id and so never get here.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type {
	DefinitionChanges,
	DefinitionPage,
	PublishedDefinition
} from '$lib/publications/model';
import type { DbOrTx } from '../db';
import { acknowledgements, publications } from '../db/schema';
import { notFound } from '../errors';
import { definitionChanges } from './changes';
import { requireAllowed, requireAllowedMembership } from '../policies';
import type { ReaderVersion } from '../auth/workspace-request';
import type { Membership } from '../workspaces/access';

/** Workspace roles that see how far the definition has reached. */
export const LEADERSHIP_ROLES = ['admin', 'facilitator'] as const;

// Publications never change once written (and a deleted workspace's are never listed again), so
// what a reader page shows of one — its texts and the comparison with the version before — is
// built once and kept, bounded, oldest dropped first. Per request only the membership and the
// list of versions with the reader's own acknowledgements are read.
type Readable = { publication: PublishedDefinition; changes: DefinitionChanges | null };
const readableCache = new Map<string, Readable>();
const READABLE_CACHE_MAX = 500;

function toPublished(row: typeof publications.$inferSelect): PublishedDefinition {
	return {
		version: row.version,
		publishedAt: row.publishedAt,
		sessionTitle: row.sessionTitle,
		definitionHtml: row.definitionHtml,
		explanation: row.explanation,
		rules: row.rules,
		participants: row.participants,
		consensus: row.consensus,
		provenance: row.provenance
	};
}

async function readable(db: DbOrTx, id: string, previousId: string | null): Promise<Readable> {
	const key = `${id}:${previousId ?? ''}`;
	const cached = readableCache.get(key);
	if (cached) return cached;
	const rows = await db
		.select()
		.from(publications)
		.where(inArray(publications.id, previousId ? [id, previousId] : [id]));
	const current = rows.find((row) => row.id === id);
	const previous = rows.find((row) => row.id === previousId);
	if (!current) throw notFound();
	const result = {
		publication: toPublished(current),
		changes: previous ? definitionChanges(previous, current) : null
	};
	if (readableCache.size >= READABLE_CACHE_MAX)
		readableCache.delete(readableCache.keys().next().value ?? '');
	readableCache.set(key, result);
	return result;
}

/** The workspace's published versions, newest first, with `userId`'s acknowledgements. */
export async function readerVersions(
	db: DbOrTx,
	userId: string,
	workspaceId: string
): Promise<ReaderVersion[]> {
	return db
		.select({
			id: publications.id,
			version: publications.version,
			publishedAt: publications.publishedAt,
			acknowledgedAt: acknowledgements.acknowledgedAt
		})
		.from(publications)
		.leftJoin(
			acknowledgements,
			and(eq(acknowledgements.publicationId, publications.id), eq(acknowledgements.userId, userId))
		)
		.where(eq(publications.workspaceId, workspaceId))
		.orderBy(desc(publications.version));
}

/** What the request has already read for a reader page (hooks.server.ts, in one query). */
export type LoadedReader = { membership: Membership | null; versions: ReaderVersion[] };

/** The rows `locals` already hold for a reader page of `workspaceId`, if the hooks read them. */
export function loadedReader(locals: App.Locals, workspaceId: string): LoadedReader | undefined {
	const request = locals.workspaceRequest;
	if (!request?.versions || request.workspaceId !== workspaceId) return undefined;
	if (request.user.id !== locals.user?.id) return undefined;
	return { membership: request.membership, versions: request.versions };
}

/**
 * The current definition of a workspace (or one earlier `version`) for a member to read, with
 * what changed from the version before and whether they have acknowledged it. Null while nothing
 * has been published; not found for a version that does not exist. `loaded`: the membership and
 * versions this request has already read, so that they are not read again.
 */
export async function readDefinition(
	db: DbOrTx,
	userId: string,
	workspaceId: string,
	version?: number,
	loaded?: LoadedReader
): Promise<DefinitionPage | null> {
	const membership = loaded
		? requireAllowedMembership(userId, loaded.membership, 'read')
		: await requireAllowed(db, userId, workspaceId, 'read');
	const versions = loaded?.versions ?? (await readerVersions(db, userId, workspaceId));
	if (!versions.length) {
		if (version !== undefined) throw notFound();
		return null;
	}
	const target =
		version === undefined ? versions[0] : versions.find((row) => row.version === version);
	if (!target) throw notFound();
	const previous = versions.find((row) => row.version < target.version);
	const { publication, changes } = await readable(db, target.id, previous?.id ?? null);
	return {
		publication,
		versions: versions.map(({ version, publishedAt }) => ({ version, publishedAt })),
		latestVersion: versions[0].version,
		isCurrent: target.id === versions[0].id,
		changes,
		acknowledgedAt: target.acknowledgedAt,
		canSeeReach: LEADERSHIP_ROLES.some((role) => role === membership.role)
	};
}

/**
 * "I have read and understood" for one version. Idempotent: a second press keeps the first
 * time. Any member may acknowledge any published version they read.
 */
export async function acknowledgeDefinition(
	db: DbOrTx,
	userId: string,
	workspaceId: string,
	version: number
) {
	await requireAllowed(db, userId, workspaceId, 'read');
	const [publication] = await db
		.select({ id: publications.id })
		.from(publications)
		.where(and(eq(publications.workspaceId, workspaceId), eq(publications.version, version)));
	if (!publication) throw notFound();
	await db
		.insert(acknowledgements)
		.values({ publicationId: publication.id, userId })
		.onConflictDoNothing();
	const [row] = await db
		.select({ at: acknowledgements.acknowledgedAt })
		.from(acknowledgements)
		.where(
			and(eq(acknowledgements.publicationId, publication.id), eq(acknowledgements.userId, userId))
		);
	return { acknowledgedAt: row.at };
}
