import { db } from '$lib/server/db';
import { runEndpoint } from '$lib/server/http';
import { syncSessionDocs } from '$lib/server/outputs/documents';
import { loadSessionContext } from '$lib/server/sessions/access';
import { actorFromLocals } from '$lib/server/sessions/actor';
import { emptyStages } from '$lib/server/sessions/stage-work';
import type { RequestHandler } from './$types';

/** The stages whose work is still empty, for the facilitator's warning before a jump. */
export const GET: RequestHandler = ({ locals, params }) =>
	runEndpoint(async () => ({
		empty: await emptyStages(
			db,
			await loadSessionContext(db, actorFromLocals(locals), params.id),
			syncSessionDocs
		)
	}));
