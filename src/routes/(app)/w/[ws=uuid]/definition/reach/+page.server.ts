import { db } from '$lib/server/db';
import { signedInUser } from '$lib/server/auth/current-user';
import { runLoad } from '$lib/server/http';
import { definitionReach } from '$lib/server/publications/reach';
import { reminderReach } from '$lib/server/publications/reach-reminders';
import type { PageServerLoad } from './$types';

export const csr = false;

/** Leadership only; the service refuses everyone else. */
export const load: PageServerLoad = async ({ locals, params }) => ({
	reach: await runLoad(() => definitionReach(db, signedInUser(locals).id, params.ws)),
	reminders: await runLoad(() => reminderReach(db, signedInUser(locals).id, params.ws))
});
