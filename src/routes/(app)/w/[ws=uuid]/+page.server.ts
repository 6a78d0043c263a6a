import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { definitionToRead } from '$lib/server/publications/waiting';
import { listSessions } from '$lib/server/sessions/sessions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params }) => {
	const { user } = await parent();
	return {
		sessions: await runLoad(() => listSessions(db, user.id, params.ws)),
		definition: await runLoad(() => definitionToRead(db, user.id, params.ws))
	};
};
