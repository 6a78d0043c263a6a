import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { portraitActorOf } from '$lib/server/portraits/access';
import { sessionPortrait } from '$lib/server/portraits/links';
import { loadPortraitPhoto, photoResponse } from '$lib/server/portraits/photos';
import { actorFromLocals } from '$lib/server/sessions/actor';
import type { RequestHandler } from './$types';

/** The photo of a portrait linked to this session, for anyone who belongs in the session. */
export const GET: RequestHandler = async ({ locals, params, request, url }) => {
	const photo = await runLoad(async () => {
		const actor = actorFromLocals(locals);
		const { ctx } = await sessionPortrait(db, actor, params.id, params.portraitId);
		return loadPortraitPhoto(
			db,
			portraitActorOf(actor),
			ctx.session.workspaceId,
			params.portraitId
		);
	});
	return photoResponse(photo, request, url);
};
