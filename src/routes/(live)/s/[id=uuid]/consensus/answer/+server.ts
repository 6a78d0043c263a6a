import { db } from '$lib/server/db';
import { readJson, runEndpoint } from '$lib/server/http';
import { answerSchema } from '$lib/server/consensus/input';
import { answerConsensus } from '$lib/server/consensus/rounds';
import { actorFromLocals } from '$lib/server/sessions/actor';
import type { RequestHandler } from './$types';

/** The viewer answers the open round (`{ answer, comment }`), or changes their answer while it is open. */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	runEndpoint(async () => {
		const input = await readJson(request, answerSchema);
		return answerConsensus(db, actorFromLocals(locals), params.id, input);
	});
