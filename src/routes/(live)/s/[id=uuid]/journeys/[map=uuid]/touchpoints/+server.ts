import { newTouchpointSchema } from '$lib/touchpoints/model';
import { db } from '$lib/server/db';
import { readJson, runEndpoint } from '$lib/server/http';
import { actorFromLocals } from '$lib/server/sessions/actor';
import {
	createSessionTouchpoint,
	sessionMapTouchpoints
} from '$lib/server/touchpoints/touchpoints';
import type { RequestHandler } from './$types';

/** The touchpoints this map places, for anyone who belongs in the session. */
export const GET: RequestHandler = ({ locals, params }) =>
	runEndpoint(async () => ({
		touchpoints: await sessionMapTouchpoints(db, actorFromLocals(locals), params.id, params.map)
	}));

/** Creates a touchpoint to place on this map (guests, and members who edit; not while locked). */
export const POST: RequestHandler = ({ locals, params, request }) =>
	runEndpoint(async () => {
		const actor = actorFromLocals(locals);
		const input = await readJson(request, newTouchpointSchema);
		return { touchpoint: await createSessionTouchpoint(db, actor, params.id, params.map, input) };
	});
