// The published definition as every member of the workspace reads it, and their
// "I have read and understood". Guests have no user id and so never get here.
import { and, desc, eq } from 'drizzle-orm';
import type { DefinitionChanges, DefinitionPage } from '$lib/components/publication/model';
import type { DbOrTx } from '../db';
import { acknowledgements, publications } from '../db/schema';
import { DomainError, notFound } from '../errors';
import { requireRole } from '../workspaces/access';
import { definitionChanges } from './changes';

/** Workspace roles that see how far the definition has reached. */
export const LEADERSHIP_ROLES = ['admin', 'facilitator'] as const;

// Publications never change once written, so the comparison with the previous version is
// computed once per publication and kept (bounded, oldest dropped first).
const changesCache = new Map<string, DefinitionChanges>();
const CHANGES_CACHE_MAX = 500;

async function cachedChanges(key: string, compute: () => Promise<DefinitionChanges>): Promise<DefinitionChanges> {
	const cached = changesCache.get(key);
	if (cached) return cached;
	const changes = await compute();
	if (changesCache.size >= CHANGES_CACHE_MAX) changesCache.delete(changesCache.keys().next().value ?? '');
	changesCache.set(key, changes);
	return changes;
}

/**
 * The current definition of a workspace (or one earlier `version`) for a member to read, with
 * what changed from the version before and whether they have acknowledged it. Null while nothing
 * has been published; not found for a version that does not exist.
 */
export async function readDefinition(
	db: DbOrTx,
	userId: string,
	workspaceId: string,
	version?: number
): Promise<DefinitionPage | null> {
	const membership = await requireRole(db, userId, workspaceId);
	const versions = await db
		.select({ id: publications.id, version: publications.version, publishedAt: publications.publishedAt })
		.from(publications)
		.where(eq(publications.workspaceId, workspaceId))
		.orderBy(desc(publications.version));
	if (!versions.length) {
		if (version !== undefined) throw notFound();
		return null;
	}
	const target = version === undefined ? versions[0] : versions.find((row) => row.version === version);
	if (!target) throw notFound();
	const previousVersion = versions.find((row) => row.version < target.version);
	const [current] = await db.select().from(publications).where(eq(publications.id, target.id));
	const changes = previousVersion
		? await cachedChanges(`${previousVersion.id}:${current.id}`, async () => {
				const [previous] = await db.select().from(publications).where(eq(publications.id, previousVersion.id));
				return definitionChanges(previous, current);
			})
		: null;
	const [ack] = await db
		.select({ at: acknowledgements.acknowledgedAt })
		.from(acknowledgements)
		.where(and(eq(acknowledgements.publicationId, current.id), eq(acknowledgements.userId, userId)));
	return {
		publication: {
			version: current.version,
			publishedAt: current.publishedAt,
			sessionTitle: current.sessionTitle,
			definitionHtml: current.definitionHtml,
			explanation: current.explanation,
			rules: current.rules,
			participants: current.participants,
			consensus: current.consensus
		},
		versions: versions.map(({ version, publishedAt }) => ({ version, publishedAt })),
		latestVersion: versions[0].version,
		isCurrent: current.id === versions[0].id,
		changes,
		acknowledgedAt: ack?.at ?? null,
		canSeeReach: (LEADERSHIP_ROLES as readonly string[]).includes(membership.role)
	};
}

/**
 * "I have read and understood" for one version. Idempotent: a second press keeps the first
 * time. Any member may acknowledge any published version they read.
 */
export async function acknowledgeDefinition(db: DbOrTx, userId: string, workspaceId: string, version: number) {
	await requireRole(db, userId, workspaceId);
	const [publication] = await db
		.select({ id: publications.id })
		.from(publications)
		.where(and(eq(publications.workspaceId, workspaceId), eq(publications.version, version)));
	if (!publication) throw notFound();
	await db.insert(acknowledgements).values({ publicationId: publication.id, userId }).onConflictDoNothing();
	const [row] = await db
		.select({ at: acknowledgements.acknowledgedAt })
		.from(acknowledgements)
		.where(and(eq(acknowledgements.publicationId, publication.id), eq(acknowledgements.userId, userId)));
	return { acknowledgedAt: row.at };
}

/** The signed-in member behind a reader page or action; a guest of a session is refused. */
export function readerId(locals: App.Locals): string {
	if (locals.user) return locals.user.id;
	if (locals.guest) throw new DomainError('guest_only_session', 403);
	throw new DomainError('unauthorized', 401);
}
