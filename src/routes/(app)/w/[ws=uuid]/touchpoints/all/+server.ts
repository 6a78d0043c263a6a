import { z } from 'zod';
import { newTouchpointSchema } from '$lib/touchpoints/model';
import { db } from '$lib/server/db';
import { readJson, runEndpoint } from '$lib/server/http';
import { signedInUser } from '$lib/server/auth/current-user';
import {
	createTouchpoint,
	listOwnerChoices,
	listTouchpoints
} from '$lib/server/touchpoints/touchpoints';
import type { RequestHandler } from './$types';

/** Every touchpoint of the workspace and the members who can own one, for any member. */
export const GET: RequestHandler = ({ locals, params }) =>
	runEndpoint(async () => {
		const user = signedInUser(locals);
		return {
			touchpoints: await listTouchpoints(db, user.id, params.ws),
			owners: await listOwnerChoices(db, user.id, params.ws)
		};
	});

const createBody = newTouchpointSchema.extend({
	ownerId: z.uuid({ error: 'owner_unknown' }).nullable().optional()
});

/** Creates a touchpoint (editors), e.g. from a cell of a journey map that then places it. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	runEndpoint(async () => {
		const user = signedInUser(locals);
		const input = await readJson(request, createBody);
		return { touchpoint: await createTouchpoint(db, user.id, params.ws, input) };
	});
