import { getLocale } from '$lib/paraglide/runtime';
import { signedInUser } from '$lib/server/auth/current-user';
import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { mapFile } from '$lib/server/journeys/files';
import type { RequestHandler } from './$types';

/** The map as PNG, for any member of its workspace. */
export const GET: RequestHandler = ({ locals, params }) =>
	runLoad(() => mapFile(db, signedInUser(locals).id, params.ws, params.map, 'png', getLocale()));
