// Which stages of a session still have no work in them, so that the facilitator is warned before
// jumping over them (e.g. straight to the shared definition with no definitions written).
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { readBoard } from '$lib/board/doc';
import { readCriteria } from '$lib/criteria/doc';
import { stageKeys, type StageKey } from '$lib/sessions/stages';
import type { Db } from '../db';
import { consensusRounds, draftVersions, ownDefinitions } from '../db/schema';
import { readDoc, type SessionDocs } from '../outputs/documents';
import { requireFacilitator, type SessionContext } from './access';

async function rows(query: Promise<{ n: number }[]>): Promise<number> {
	const [row] = await query;
	return Number(row?.n ?? 0);
}

/**
 * The stages whose work is empty: no definition revealed (stage 1), no theme on the board, no
 * criterion proposed, no saved version of the draft, no agreed consensus round. The last stage,
 * publishing, is never jumped over and is not listed. For the facilitator only.
 */
export async function emptyStages(
	db: Db,
	ctx: SessionContext,
	docs: SessionDocs
): Promise<StageKey[]> {
	requireFacilitator(ctx);
	const { session } = ctx;
	const submitted = await rows(
		db
			.select({ n: count() })
			.from(ownDefinitions)
			.where(and(eq(ownDefinitions.sessionId, session.id), isNotNull(ownDefinitions.submittedAt)))
	);
	const versions = await rows(
		db.select({ n: count() }).from(draftVersions).where(eq(draftVersions.sessionId, session.id))
	);
	const agreed = await rows(
		db
			.select({ n: count() })
			.from(consensusRounds)
			.where(and(eq(consensusRounds.sessionId, session.id), eq(consensusRounds.status, 'agreed')))
	);
	const themes = await readDoc(docs, session, 'board', (doc) => readBoard(doc).themes.length);
	const criteria = await readDoc(docs, session, 'criteria', (doc) => readCriteria(doc).length);
	const work: Record<Exclude<StageKey, 'publish'>, boolean> = {
		definitions: session.definitionsRevealedAt !== null && submitted > 0,
		themes: themes > 0,
		criteria: criteria > 0,
		draft: versions > 0,
		consensus: agreed > 0
	};
	return stageKeys.filter((key) => key !== 'publish' && !work[key]);
}
