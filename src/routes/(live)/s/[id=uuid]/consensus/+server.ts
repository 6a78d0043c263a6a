import { db } from '$lib/server/db';
import { readJson, runEndpoint } from '$lib/server/http';
import { openRoundSchema } from '$lib/server/consensus/input';
import { cancelConsensusRound, openConsensusRound } from '$lib/server/consensus/rounds';
import { consensusView } from '$lib/server/consensus/views';
import { loadSessionContext } from '$lib/server/sessions/access';
import { actorFromLocals } from '$lib/server/sessions/actor';
import type { RequestHandler } from './$types';

/** Stage 5 as this viewer may see it: versions, the current round's tally and comments, their answer. */
export const GET: RequestHandler = ({ locals, params }) =>
	runEndpoint(async () =>
		consensusView(db, await loadSessionContext(db, actorFromLocals(locals), params.id))
	);

/** The facilitator asks for consensus on a saved version (`{ versionId }`). */
export const POST: RequestHandler = ({ locals, params, request }) =>
	runEndpoint(async () => {
		const { versionId } = await readJson(request, openRoundSchema);
		const round = await openConsensusRound(db, actorFromLocals(locals), params.id, versionId);
		return { roundId: round.id };
	});

/** The facilitator withdraws the open round. */
export const DELETE: RequestHandler = ({ locals, params }) =>
	runEndpoint(() => cancelConsensusRound(db, actorFromLocals(locals), params.id));
