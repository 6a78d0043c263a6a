import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { definitionReach } from '$lib/server/publications/reach';
import { readerId } from '$lib/server/publications/reader';
import { reminderReach } from '$lib/server/publications/reach-reminders';
import type { PageServerLoad } from './$types';

export const csr = false;

/** Leadership only; the service refuses everyone else. */
export const load: PageServerLoad = async ({ locals, params }) => ({
	reach: await runLoad(() => definitionReach(db, readerId(locals), params.ws)),
	reminders: await runLoad(() => reminderReach(db, readerId(locals), params.ws))
});
