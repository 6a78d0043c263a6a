import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { GUEST_COOKIE } from '$lib/server/sessions/guests';
import { reclaimStatus } from '$lib/server/sessions/reclaim';
import type { PageServerLoad } from './$types';

/** A device that asked to take over a guest's place waits here until the facilitator decides. */
export const load: PageServerLoad = async ({ cookies }) => {
	const token = cookies.get(GUEST_COOKIE);
	const status = token ? await reclaimStatus(db, token) : ({ state: 'refused' } as const);
	if (status.state === 'confirmed') redirect(303, `/s/${status.sessionId}`);
	return { status };
};
