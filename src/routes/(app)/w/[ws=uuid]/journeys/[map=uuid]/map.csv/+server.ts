import { getLocale } from '$lib/paraglide/runtime';
import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { mapFile } from '$lib/server/journeys/files';
import { memberOf } from '$lib/server/outputs/http';
import type { RequestHandler } from './$types';

/** The map as CSV, for any member of its workspace. */
export const GET: RequestHandler = ({ locals, params }) =>
	runLoad(() => mapFile(db, memberOf(locals).id, params.ws, params.map, 'csv', getLocale()));
