import { db } from '$lib/server/db';
import { signedInUser } from '$lib/server/auth/current-user';
import { runLoad } from '$lib/server/http';
import { qrSvg } from '$lib/server/voice/qr';
import { stageQuestionnaireToken } from '$lib/server/voice/stage-questionnaires';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params, url }) =>
	runLoad(async () => {
		const token = await stageQuestionnaireToken(
			db,
			signedInUser(locals).id,
			params.ws,
			params.map,
			params.stage
		);
		return new Response(qrSvg(`${url.origin}/q/${token}`), {
			headers: { 'content-type': 'image/svg+xml', 'cache-control': 'private, no-cache' }
		});
	});
