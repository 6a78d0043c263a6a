import { getLocale } from '$lib/paraglide/runtime';
import { signedInUser } from '$lib/server/auth/current-user';
import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { reportFile } from '$lib/server/outputs';
import type { RequestHandler } from './$types';

/** Criteria as CSV, with totals and winners only once the vote was revealed. */
export const GET: RequestHandler = ({ locals, params }) =>
	runLoad(() =>
		reportFile(db, signedInUser(locals).id, params.ws, params.id, 'criteria', getLocale())
	);
