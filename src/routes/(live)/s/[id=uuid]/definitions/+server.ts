import { db } from '$lib/server/db';
import { readJson, runEndpoint } from '$lib/server/http';
import { loadSessionContext } from '$lib/server/sessions/access';
import { actorFromLocals } from '$lib/server/sessions/actor';
import { definitionsView, saveOwnDefinition } from '$lib/server/sessions/definitions';
import { ownDefinitionSchema } from '$lib/validation/session';
import type { RequestHandler } from './$types';

/** Stage 1 as this viewer may see it. */
export const GET: RequestHandler = ({ locals, params }) =>
	runEndpoint(async () =>
		definitionsView(db, await loadSessionContext(db, actorFromLocals(locals), params.id))
	);

/** Autosave of the viewer's own definition while they type (not a submission). */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	runEndpoint(async () => {
		const input = await readJson(request, ownDefinitionSchema);
		return saveOwnDefinition(db, actorFromLocals(locals), params.id, input, false);
	});
