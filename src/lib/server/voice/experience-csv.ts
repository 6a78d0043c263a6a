import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { LEVELS, type ActionStatus, type Level, type StageActionGroup } from '$lib/voice/model';
import { encodeCsv, type CsvCell } from '../outputs/csv';
import type { ExperienceRow } from './experience';

const levelHeader: Record<Level, (o: { locale: Locale }) => string> = {
	below: (o) => m.voice_level_below({}, o),
	indifferent: (o) => m.voice_level_indifferent({}, o),
	meets: (o) => m.voice_level_meets({}, o),
	exceeds: (o) => m.voice_level_exceeds({}, o)
};

const statusLabel: Record<ActionStatus, (o: { locale: Locale }) => string> = {
	planned: (o) => m.voice_action_status_planned({}, o),
	in_progress: (o) => m.voice_action_status_in_progress({}, o),
	done: (o) => m.voice_action_status_done({}, o)
};

/** After an empty row, one row per journey stage action: status, due, overdue, before and after. */
function stageActionRows(groups: StageActionGroup[], locale: Locale): CsvCell[][] {
	if (!groups.length) return [];
	const o = { locale };
	return [
		[],
		[
			m.voice_csv_action_where({}, o),
			m.voice_csv_action_title({}, o),
			m.voice_csv_action_status({}, o),
			m.voice_csv_action_owner({}, o),
			m.voice_csv_action_due({}, o),
			m.voice_csv_action_overdue({}, o),
			m.voice_csv_satisfied_before({}, o),
			m.voice_csv_answers_before({}, o),
			m.voice_csv_satisfied_after({}, o),
			m.voice_csv_answers_after({}, o)
		],
		...groups.flatMap((group) =>
			group.actions.map((action) => [
				`${group.mapTitle} — ${group.stageName ?? m.voice_stage_removed({}, o)}`,
				action.title,
				statusLabel[action.status](o),
				action.ownerName,
				action.dueOn,
				action.overdue ? m.voice_yes({}, o) : m.voice_no({}, o),
				action.beforeAfter?.before.satisfied ?? null,
				action.beforeAfter?.before.total ?? null,
				action.beforeAfter?.after.satisfied ?? null,
				action.beforeAfter?.after.total ?? null
			])
		)
	];
}

/**
 * One row per touchpoint, then the journey stages' improvement actions (each with its own header
 * row), headers in the viewer's language (BOM, CRLF, formulas neutralized).
 */
export function experienceCsv(
	rows: ExperienceRow[],
	locale: Locale,
	stageActions: StageActionGroup[] = []
): string {
	const o = { locale };
	return encodeCsv([
		[
			m.touchpoints_col_name({}, o),
			m.voice_csv_answers({}, o),
			...LEVELS.map((level) => levelHeader[level](o)),
			m.voice_csv_customer_mean({}, o),
			m.voice_csv_staff_mean({}, o),
			m.voice_col_gap({}, o),
			m.voice_csv_actions_open({}, o),
			m.voice_csv_actions_done({}, o)
		],
		...rows.map((row) => [
			row.name,
			row.answers,
			...LEVELS.map((level) => row.counts[level]),
			row.customerMean,
			row.staffMean,
			row.gap,
			row.actionsOpen,
			row.actionsDone
		]),
		...stageActionRows(stageActions, locale)
	]);
}
