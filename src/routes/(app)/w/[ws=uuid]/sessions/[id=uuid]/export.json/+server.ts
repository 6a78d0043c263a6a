import { db } from '$lib/server/db';
import { signedInUser } from '$lib/server/auth/current-user';
import { runLoad } from '$lib/server/http';
import { download, exportFileName, exportSession, syncSessionDocs } from '$lib/server/outputs';
import type { RequestHandler } from './$types';

/** The whole session as a `focusboard.session/1` file, for its facilitators and the workspace's admins. */
export const GET: RequestHandler = ({ locals, params }) =>
	runLoad(async () => {
		const file = await exportSession(
			db,
			signedInUser(locals).id,
			params.ws,
			params.id,
			syncSessionDocs
		);
		return download(
			JSON.stringify(file, null, '\t'),
			exportFileName(file.session.title),
			'application/json; charset=utf-8'
		);
	});
