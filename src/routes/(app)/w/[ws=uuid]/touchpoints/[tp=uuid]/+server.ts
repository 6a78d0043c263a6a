import { touchpointChangeSchema } from '$lib/touchpoints/model';
import { db } from '$lib/server/db';
import { readJson, runEndpoint } from '$lib/server/http';
import { signedInUser } from '$lib/server/auth/current-user';
import {
	changeTouchpoint,
	deleteTouchpoint,
	getTouchpoint
} from '$lib/server/touchpoints/touchpoints';
import type { RequestHandler } from './$types';

// Next to the touchpoint's page: a GET asking for JSON comes here, PATCH and DELETE always do.

/** The touchpoint with its rule, for any member. */
export const GET: RequestHandler = ({ locals, params }) =>
	runEndpoint(async () => ({
		touchpoint: await getTouchpoint(db, signedInUser(locals).id, params.ws, params.tp)
	}));

/** Changes fields, owner or rule (editors), against the revision the editor saw. */
export const PATCH: RequestHandler = ({ locals, params, request }) =>
	runEndpoint(async () => {
		const user = signedInUser(locals);
		const change = await readJson(request, touchpointChangeSchema);
		return { touchpoint: await changeTouchpoint(db, user.id, params.ws, params.tp, change) };
	});

/** Deletes the touchpoint (editors). */
export const DELETE: RequestHandler = ({ locals, params }) =>
	runEndpoint(async () => {
		await deleteTouchpoint(db, signedInUser(locals).id, params.ws, params.tp);
		return { deleted: true };
	});
