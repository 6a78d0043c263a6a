import { getLocale } from '$lib/paraglide/runtime';
import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import {
	download,
	fileStem,
	loadReport,
	memberOf,
	reportMarkdown,
	syncSessionDocs
} from '$lib/server/outputs';
import type { RequestHandler } from './$types';

/** The session report as a Markdown download, in the viewer's language. */
export const GET: RequestHandler = ({ locals, params }) =>
	runLoad(async () => {
		const report = await loadReport(db, memberOf(locals).id, params.ws, params.id, syncSessionDocs);
		return download(
			reportMarkdown(report, getLocale()),
			`${fileStem(report.session.title)}.md`,
			'text/markdown; charset=utf-8'
		);
	});
