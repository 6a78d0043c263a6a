import { getLocale } from '$lib/paraglide/runtime';
import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { signedInUser } from '$lib/server/auth/current-user';
import { download } from '$lib/server/outputs/http';
import { experienceRows } from '$lib/server/voice/experience';
import { experienceCsv } from '$lib/server/voice/experience-csv';
import { workspaceStageActions } from '$lib/server/voice/stage-actions';
import type { RequestHandler } from './$types';

/** The customer experience of every touchpoint, and the journey stages' actions, as CSV, for any member. */
export const GET: RequestHandler = ({ locals, params }) =>
	runLoad(async () => {
		const userId = signedInUser(locals).id;
		const rows = await experienceRows(db, userId, params.ws);
		const stageActions = await workspaceStageActions(db, userId, params.ws);
		return download(
			experienceCsv(rows, getLocale(), stageActions),
			'customer-experience.csv',
			'text/csv; charset=utf-8'
		);
	});
