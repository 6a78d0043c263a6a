// Reads a staff list exported from a spreadsheet or an HR system: UTF-8, with or without a BOM,
// separated by commas, semicolons (what Excel writes in Russian and Bulgarian locales) or tabs,
// with a header row in English, Russian or Bulgarian.
import { CsvError, parse } from 'csv-parse/sync';
import { DomainError } from '../errors';

/** Largest staff file we read (bytes of UTF-8). */
export const STAFF_FILE_MAX_BYTES = 1024 * 1024;
/** Most people one file may list (rows after the header). */
export const STAFF_ROWS_MAX = 5000;

export type StaffColumn = 'name' | 'email' | 'department' | 'role';

/** One data row as written, with the line of the file it starts on (the header is line 1). */
export type RawStaffRow = {
	line: number;
	name: string;
	email: string;
	department: string;
	role: string;
};

export type StaffTable = {
	rows: RawStaffRow[];
	/** Columns the header names; a missing department or role column leaves those untouched. */
	columns: Set<StaffColumn>;
};

/** Header names accepted for each column, compared lower-cased with spaces collapsed. */
const headerNames: Record<StaffColumn, string[]> = {
	name: [
		'name',
		'full name',
		'employee',
		'имя',
		'фио',
		'ф.и.о.',
		'сотрудник',
		'име',
		'имена',
		'служител'
	],
	email: [
		'email',
		'e-mail',
		'mail',
		'email address',
		'e-mail address',
		'почта',
		'эл. почта',
		'электронная почта',
		'имейл',
		'и-мейл',
		'ел. поща',
		'електронна поща'
	],
	department: ['department', 'dept', 'отдел', 'подразделение', 'департамент', 'звено'],
	role: ['role', 'роль', 'роля']
};

function normalizeHeader(value: string): string {
	return value.trim().toLowerCase().replace(/\s+/g, ' ');
}

function columnOf(header: string): StaffColumn | null {
	const name = normalizeHeader(header);
	for (const [column, names] of Object.entries(headerNames) as [StaffColumn, string[]][])
		if (names.includes(name)) return column;
	return null;
}

/** The separator the header line uses most, outside quotes; a comma when none appears. */
export function detectDelimiter(text: string): string {
	const counts = new Map<string, number>([
		[',', 0],
		[';', 0],
		['\t', 0]
	]);
	let quoted = false;
	for (const char of text) {
		if (char === '"') quoted = !quoted;
		else if (!quoted && (char === '\n' || char === '\r')) break;
		else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
	}
	let best = ',';
	for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
	return best;
}

type ParsedRecord = { record: string[]; raw: string; info: { lines: number } };

function isParsedRecord(value: unknown): value is ParsedRecord {
	if (typeof value !== 'object' || value === null) return false;
	if (!('record' in value) || !('raw' in value) || !('info' in value)) return false;
	const { record, raw, info } = value;
	return (
		Array.isArray(record) &&
		record.every((cell) => typeof cell === 'string') &&
		typeof raw === 'string' &&
		typeof info === 'object' &&
		info !== null &&
		'lines' in info &&
		typeof info.lines === 'number'
	);
}

function withoutBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parses the file into rows; throws a DomainError (field `file`) for what makes the whole file
 * unreadable: too large, not CSV, no header with name and e-mail, no rows, too many rows.
 * Rows themselves are not validated here (see `rows.ts`), so every bad row can be reported.
 */
export function readStaffCsv(text: string): StaffTable {
	if (Buffer.byteLength(text, 'utf8') > STAFF_FILE_MAX_BYTES)
		throw new DomainError('staff_file_too_large', 413, 'file', {
			kilobytes: STAFF_FILE_MAX_BYTES / 1024
		});
	const body = withoutBom(text);
	let parsed: unknown[];
	try {
		// With `info` and `raw`, each item is { record, raw, info } (csv-parse's types omit this).
		parsed = parse(body, {
			delimiter: detectDelimiter(body),
			info: true,
			raw: true,
			relax_column_count: true,
			skip_empty_lines: true,
			skip_records_with_empty_values: true,
			to: STAFF_ROWS_MAX + 2
		});
	} catch (error) {
		if (error instanceof CsvError)
			throw new DomainError('staff_csv_invalid', 400, 'file', { line: Number(error.lines) || 1 });
		throw error;
	}
	const [header, ...data] = parsed.filter(isParsedRecord);
	if (!header) throw new DomainError('staff_file_empty', 400, 'file');
	const positions = new Map<StaffColumn, number>();
	header.record.forEach((title, index) => {
		const column = columnOf(title);
		if (column && !positions.has(column)) positions.set(column, index);
	});
	if (!positions.has('name') || !positions.has('email'))
		throw new DomainError('staff_columns_missing', 400, 'file');
	if (data.length === 0) throw new DomainError('staff_file_empty', 400, 'file');
	if (data.length > STAFF_ROWS_MAX)
		throw new DomainError('staff_too_many_rows', 413, 'file', { max: STAFF_ROWS_MAX });
	const cell = (record: string[], column: StaffColumn) => {
		const index = positions.get(column);
		return index === undefined ? '' : (record[index] ?? '');
	};
	return {
		columns: new Set(positions.keys()),
		rows: data.map(({ record, raw, info }) => ({
			// info.lines is where the record ends (a quoted value may span lines); the raw text
			// also holds the empty lines skipped before it.
			line: info.lines - (raw.trim().match(/\n/g)?.length ?? 0),
			name: cell(record, 'name'),
			email: cell(record, 'email'),
			department: cell(record, 'department'),
			role: cell(record, 'role')
		}))
	};
}
