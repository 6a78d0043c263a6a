import { db } from '$lib/server/db';
import { signedInUser } from '$lib/server/auth/current-user';
import { runEndpoint } from '$lib/server/http';
import { unreadCount } from '$lib/server/notifications/notifications';
import type { RequestHandler } from './$types';

/** How many of the member's notices in this workspace are unread (for the bell). */
export const GET: RequestHandler = ({ locals, params }) =>
	runEndpoint(async () => ({ unread: await unreadCount(db, signedInUser(locals).id, params.ws) }));
