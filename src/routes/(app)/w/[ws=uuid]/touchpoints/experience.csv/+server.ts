import { getLocale } from '$lib/paraglide/runtime';
import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { download, memberOf } from '$lib/server/outputs/http';
import { experienceRows } from '$lib/server/voice/experience';
import { experienceCsv } from '$lib/server/voice/experience-csv';
import type { RequestHandler } from './$types';

/** The customer experience of every touchpoint as CSV, for any member of the workspace. */
export const GET: RequestHandler = ({ locals, params }) =>
	runLoad(async () => {
		const rows = await experienceRows(db, memberOf(locals).id, params.ws);
		return download(
			experienceCsv(rows, getLocale()),
			'customer-experience.csv',
			'text/csv; charset=utf-8'
		);
	});
