import { getLocale } from '$lib/paraglide/runtime';
import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import {
	criteriaCsv,
	download,
	fileStem,
	loadReport,
	memberOf,
	syncSessionDocs
} from '$lib/server/outputs';
import type { RequestHandler } from './$types';

/** Criteria as CSV, with totals and winners only once the vote was revealed. */
export const GET: RequestHandler = ({ locals, params }) =>
	runLoad(async () => {
		const report = await loadReport(db, memberOf(locals).id, params.ws, params.id, syncSessionDocs);
		return download(
			criteriaCsv(report, getLocale()),
			`${fileStem(report.session.title)}-criteria.csv`,
			'text/csv; charset=utf-8'
		);
	});
