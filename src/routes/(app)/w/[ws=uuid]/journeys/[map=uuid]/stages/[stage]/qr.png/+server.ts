import { db } from '$lib/server/db';
import { signedInUser } from '$lib/server/auth/current-user';
import { runLoad } from '$lib/server/http';
import { qrPng } from '$lib/server/voice/qr';
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
		return new Response(new Uint8Array(qrPng(`${url.origin}/q/${token}`)), {
			headers: {
				'content-type': 'image/png',
				'content-disposition': 'attachment; filename="questionnaire-qr.png"',
				'cache-control': 'private, no-cache'
			}
		});
	});
