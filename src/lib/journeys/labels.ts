// Words of a journey map in the reader's language: built-in lanes, experience levels, and the
// default stages a new map starts with (stored in the creator's language; stages are renamable).
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { ExperienceLevel, Lane, LaneKind } from './doc';

type Options = { locale?: Locale };

const laneLabels: Record<LaneKind, (options: Options) => string> = {
	touchpoints: (o) => m.journeys_lane_touchpoints({}, o),
	actions: (o) => m.journeys_lane_actions({}, o),
	expectations: (o) => m.journeys_lane_expectations({}, o),
	experience: (o) => m.journeys_lane_experience({}, o),
	emotion: (o) => m.journeys_lane_emotion({}, o),
	pain: (o) => m.journeys_lane_pain({}, o),
	wow: (o) => m.journeys_lane_wow({}, o),
	indicators: (o) => m.journeys_lane_indicators({}, o),
	free: (o) => m.journeys_lane_free({}, o)
};

const levelLabels: Record<ExperienceLevel, (options: Options) => string> = {
	below: (o) => m.journeys_level_below({}, o),
	indifferent: (o) => m.journeys_level_indifferent({}, o),
	meets: (o) => m.journeys_level_meets({}, o),
	exceeds: (o) => m.journeys_level_exceeds({}, o)
};

/** A lane's name: its own for a free lane, else the built-in lane's label. */
export function laneLabel(lane: Pick<Lane, 'kind' | 'name'>, locale?: Locale): string {
	if (lane.kind === 'free' && lane.name.trim()) return lane.name;
	return laneLabels[lane.kind]({ locale });
}

/** An experience level's label; "not rated" for null. */
export function levelLabel(level: ExperienceLevel | null, locale?: Locale): string {
	return level ? levelLabels[level]({ locale }) : m.journeys_level_none({}, { locale });
}

/** An emotion score as shown: −2, −1, 0, +1, +2. */
export function scoreLabel(score: number): string {
	return score > 0 ? `+${score}` : score < 0 ? `−${-score}` : '0';
}

/** The method's default lifecycle stages (DESIGN.md section 2, Part C) in `locale`. */
export function defaultStageNames(locale?: Locale): string[] {
	const o = { locale };
	return [
		m.journeys_stage_default_1({}, o),
		m.journeys_stage_default_2({}, o),
		m.journeys_stage_default_3({}, o),
		m.journeys_stage_default_4({}, o),
		m.journeys_stage_default_5({}, o),
		m.journeys_stage_default_6({}, o)
	];
}
