import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { loadReport, syncSessionDocs } from '$lib/server/outputs';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params }) => {
	const { user } = await parent();
	return {
		report: await runLoad(() => loadReport(db, user.id, params.ws, params.id, syncSessionDocs))
	};
};
