import { db } from '$lib/server/db';
import { runEndpoint } from '$lib/server/http';
import { loadSessionContext } from '$lib/server/sessions/access';
import { actorFromLocals } from '$lib/server/sessions/actor';
import { sessionCore } from '$lib/server/sessions/view';
import type { RequestHandler } from './$types';

/** The session's shared state as this viewer may see it. */
export const GET: RequestHandler = ({ locals, params }) =>
	runEndpoint(async () =>
		sessionCore(db, await loadSessionContext(db, actorFromLocals(locals), params.id))
	);
