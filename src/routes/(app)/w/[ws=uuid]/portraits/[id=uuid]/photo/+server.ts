import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { portraitActorFromLocals } from '$lib/server/portraits/access';
import { loadPortraitPhoto, photoResponse } from '$lib/server/portraits/photos';
import type { RequestHandler } from './$types';

/** The portrait's photo, for anyone who may read the portrait. */
export const GET: RequestHandler = async ({ locals, params, request, url }) => {
	const photo = await runLoad(() =>
		loadPortraitPhoto(db, portraitActorFromLocals(locals), params.ws, params.id)
	);
	return photoResponse(photo, request, url);
};
