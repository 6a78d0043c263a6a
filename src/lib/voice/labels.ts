import { m } from '$lib/paraglide/messages';
import type { Criterion, Level } from './model';

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
