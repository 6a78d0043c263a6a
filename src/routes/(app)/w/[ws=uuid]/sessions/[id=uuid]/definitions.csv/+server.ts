import { getLocale } from '$lib/paraglide/runtime';
import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import {
	definitionsCsv,
	download,
	fileStem,
	loadReport,
	memberOf,
	syncSessionDocs
} from '$lib/server/outputs';
import type { RequestHandler } from './$types';

/** Revealed definitions as CSV (authors as anonymity allows the viewer). */
export const GET: RequestHandler = ({ locals, params }) =>
	runLoad(async () => {
		const report = await loadReport(db, memberOf(locals).id, params.ws, params.id, syncSessionDocs);
		return download(
			definitionsCsv(report, getLocale()),
			`${fileStem(report.session.title)}-definitions.csv`,
			'text/csv; charset=utf-8'
		);
	});
