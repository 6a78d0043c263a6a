// What waits for a member on their workspace's home page: the current published definition, and
// whether they have acknowledged it.
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { acknowledgements, publications } from '../db/schema';
import { requireAllowed } from '../policies';

export type DefinitionToRead = {
	version: number;
	publishedAt: Date;
	sessionTitle: string;
	/** When this member acknowledged this version; null while it waits for them. */
	acknowledgedAt: Date | null;
};

/** The workspace's current definition as it stands for `userId`; null while nothing is published. */
export async function definitionToRead(
	db: DbOrTx,
	userId: string,
	workspaceId: string
): Promise<DefinitionToRead | null> {
	await requireAllowed(db, userId, workspaceId, 'read');
	const [current] = await db
		.select({
			version: publications.version,
			publishedAt: publications.publishedAt,
			sessionTitle: publications.sessionTitle,
			acknowledgedAt: acknowledgements.acknowledgedAt
		})
		.from(publications)
		.leftJoin(
			acknowledgements,
			and(eq(acknowledgements.publicationId, publications.id), eq(acknowledgements.userId, userId))
		)
		.where(eq(publications.workspaceId, workspaceId))
		.orderBy(desc(publications.version))
		.limit(1);
	return current ?? null;
}
