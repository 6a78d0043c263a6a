// The session report's downloads: CSV of the definitions and of the criteria, and Markdown, each
// built from the report as its viewer may see it, in their language.
import type { Locale } from '$lib/paraglide/runtime';
import type { Db } from '../db';
import { criteriaCsv, definitionsCsv } from './csv';
import { syncSessionDocs } from './documents';
import { download, fileStem } from './http';
import { reportMarkdown } from './markdown';
import { loadReport } from './report';

const reportFiles = {
	/** Revealed definitions, authors as anonymity allows the viewer. */
	definitions: {
		render: definitionsCsv,
		suffix: '-definitions.csv',
		type: 'text/csv; charset=utf-8'
	},
	/** Criteria, with totals and winners only once the vote was revealed. */
	criteria: { render: criteriaCsv, suffix: '-criteria.csv', type: 'text/csv; charset=utf-8' },
	markdown: { render: reportMarkdown, suffix: '.md', type: 'text/markdown; charset=utf-8' }
} as const;

export type ReportFile = keyof typeof reportFiles;

/** One of the report's downloads, for a member of the session's workspace who may see its outputs. */
export async function reportFile(
	db: Db,
	userId: string,
	workspaceId: string,
	sessionId: string,
	file: ReportFile,
	locale: Locale
): Promise<Response> {
	const report = await loadReport(db, userId, workspaceId, sessionId, syncSessionDocs);
	const { render, suffix, type } = reportFiles[file];
	return download(
		render(report, locale),
		`${fileStem(report.session.title, 'session')}${suffix}`,
		type
	);
}
