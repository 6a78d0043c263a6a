import { db } from '$lib/server/db';
import { readJson, runEndpoint } from '$lib/server/http';
import { publishSchema } from '$lib/server/publications/input';
import { loadPublishView, publishDefinition } from '$lib/server/publications/publish';
import { actorFromLocals } from '$lib/server/sessions/actor';
import type { RequestHandler } from './$types';

/** Stage 6 as this viewer may see it: the agreed version, whether it may be published, what was. */
export const GET: RequestHandler = ({ locals, params }) =>
	runEndpoint(() => loadPublishView(db, actorFromLocals(locals), params.id));

/** Publishes the agreed version with its explanation and rules (`{ explanation, rules }`). */
export const POST: RequestHandler = ({ locals, params, request }) =>
	runEndpoint(async () => {
		const input = await readJson(request, publishSchema);
		const published = await publishDefinition(db, actorFromLocals(locals), params.id, input);
		return { version: published.version, url: `/w/${published.workspaceId}/definition` };
	});
