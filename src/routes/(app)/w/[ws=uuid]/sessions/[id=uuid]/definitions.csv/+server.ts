import { getLocale } from '$lib/paraglide/runtime';
import { signedInUser } from '$lib/server/auth/current-user';
import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { reportFile } from '$lib/server/outputs';
import type { RequestHandler } from './$types';

/** Revealed definitions as CSV (authors as anonymity allows the viewer). */
export const GET: RequestHandler = ({ locals, params }) =>
	runLoad(() =>
		reportFile(db, signedInUser(locals).id, params.ws, params.id, 'definitions', getLocale())
	);
