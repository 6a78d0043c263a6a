// Outputs of a strategy session: the report (print page, Markdown), CSV tables, and the JSON
// export and import of a whole session. Routes use these; the rules live in the modules.
export { loadOutputsViewer, requireExporter, type OutputsViewer } from './access';
export { syncSessionDocs, sessionDocsOf, type SessionDocs } from './documents';
export { buildReport, loadReport } from './report';
export { reportMarkdown } from './markdown';
export { criteriaCsv, definitionsCsv, encodeCsv } from './csv';
export { exportSession, exportFileName } from './export';
export { importSession, parseSessionFile, ImportRefused, type ImportOptions } from './import';
export { IMPORT_MAX_BYTES, SESSION_FORMAT, sessionFileSchema, type SessionFile } from './format';
export { download } from './http';
export { reportFile, type ReportFile } from './report-files';
