import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { signedInUser } from '$lib/server/auth/current-user';
import { questionnaireLink } from '$lib/server/voice/link';
import { qrSvg } from '$lib/server/voice/qr';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params, url }) =>
	runLoad(async () => {
		const user = signedInUser(locals);
		const link = await questionnaireLink(db, user.id, params.ws, params.tp, url.origin);
		return new Response(qrSvg(link), {
			headers: { 'content-type': 'image/svg+xml', 'cache-control': 'private, no-cache' }
		});
	});
