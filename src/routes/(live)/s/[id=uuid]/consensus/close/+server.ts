import { db } from '$lib/server/db';
import { runEndpoint } from '$lib/server/http';
import { closeConsensusRound } from '$lib/server/consensus/rounds';
import { actorFromLocals } from '$lib/server/sessions/actor';
import type { RequestHandler } from './$types';

/** The facilitator closes the open round with the answers given (refused unless they show agreement). */
export const POST: RequestHandler = ({ locals, params }) =>
	runEndpoint(() => closeConsensusRound(db, actorFromLocals(locals), params.id));
