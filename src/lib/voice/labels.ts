import { m } from '$lib/paraglide/messages';
import type { ActionStatus, BeforeAfter, Criterion, Level } from './model';

const criteria: Record<Criterion, () => string> = {
	availability: m.voice_criterion_availability,
	lead_time: m.voice_criterion_lead_time,
	honesty: m.voice_criterion_honesty,
	comfort: m.voice_criterion_comfort,
	price: m.voice_criterion_price
};

const levels: Record<Level, () => string> = {
	below: m.voice_level_below,
	indifferent: m.voice_level_indifferent,
	meets: m.voice_level_meets,
	exceeds: m.voice_level_exceeds
};

export const criterionLabel = (criterion: Criterion): string => criteria[criterion]();
export const satisfactionLabel = (level: Level): string => levels[level]();

const actionStatuses: Record<ActionStatus, () => string> = {
	planned: m.voice_action_status_planned,
	in_progress: m.voice_action_status_in_progress,
	done: m.voice_action_status_done
};

export const actionStatusLabel = (status: ActionStatus): string => actionStatuses[status]();

/** How many customers were satisfied before an action and after it was done. */
export const beforeAfterText = ({ before, after }: BeforeAfter): string =>
	m.voice_action_before_after({
		before: before.satisfied,
		beforeTotal: before.total,
		after: after.satisfied,
		afterTotal: after.total
	});
