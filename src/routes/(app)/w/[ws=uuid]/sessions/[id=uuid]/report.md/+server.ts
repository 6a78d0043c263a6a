import { getLocale } from '$lib/paraglide/runtime';
import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { memberOf, reportFile } from '$lib/server/outputs';
import type { RequestHandler } from './$types';

/** The session report as a Markdown download, in the viewer's language. */
export const GET: RequestHandler = ({ locals, params }) =>
	runLoad(() => reportFile(db, memberOf(locals).id, params.ws, params.id, 'markdown', getLocale()));
