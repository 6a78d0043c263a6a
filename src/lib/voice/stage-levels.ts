// The measured level of each stage of a journey map: what customers answered about the touchpoints
// the map places in that stage (in any touchpoints lane) and about the stage itself (a stage
// questionnaire), counted together. Both sides compute it: the server for reports and tests, the
// map page live as cards move.
import type { EmotionPoint, JourneyMapState } from '$lib/journeys/doc';
import { EMOTION_MAX, EMOTION_MIN } from '$lib/journeys/doc';
import { LEVELS, levelScore, MIN_ANSWERS, nearestLevel, type Level } from './model';

export type LevelCounts = Record<Level, number>;

/** Customer answers a map may count, per level: by touchpoint id and by stage id (of this map). */
export type MapVoice = {
	touchpoints: Record<string, LevelCounts>;
	stages: Record<string, LevelCounts>;
};

/** A stage's measured experience. */
export type StageMeasure = {
	total: number;
	counts: LevelCounts;
	/** Mean score 1 (below) … 4 (exceeds); null without answers. */
	mean: number | null;
	/** The level nearest the mean; null without answers. */
	level: Level | null;
	/** Fewer than MIN_ANSWERS answers: shown as "too few answers", not drawn on the curve. */
	tooFew: boolean;
};

export const noCounts = (): LevelCounts =>
	Object.fromEntries(LEVELS.map((level) => [level, 0])) as LevelCounts;

/** Adds `more` into `into`. */
function addCounts(into: LevelCounts, more: LevelCounts | undefined) {
	if (!more) return;
	for (const level of LEVELS) into[level] += more[level] ?? 0;
}

/** The measure of a set of level counts. */
export function measureOf(counts: LevelCounts): StageMeasure {
	const total = LEVELS.reduce((sum, level) => sum + counts[level], 0);
	const score = LEVELS.reduce((sum, level) => sum + levelScore(level) * counts[level], 0);
	const mean = total ? Math.round((score / total) * 100) / 100 : null;
	return {
		total,
		counts,
		mean,
		level: mean === null ? null : nearestLevel(mean),
		tooFew: total < MIN_ANSWERS
	};
}

/** The touchpoints the map places in each stage (each once), by stage id. */
export function placedTouchpoints(state: Pick<JourneyMapState, 'cards'>): Map<string, Set<string>> {
	const placed = new Map<string, Set<string>>();
	for (const card of state.cards) {
		if (card.kind !== 'touchpoint') continue;
		const ids = placed.get(card.stageId) ?? new Set<string>();
		ids.add(card.touchpointId);
		placed.set(card.stageId, ids);
	}
	return placed;
}

/**
 * Each stage's measure, by stage id: the answers of every touchpoint placed in the stage (each
 * touchpoint once, however many cards place it there) and of the stage's own questionnaires.
 */
export function stageMeasures(
	state: Pick<JourneyMapState, 'stages' | 'cards'>,
	voice: MapVoice
): Map<string, StageMeasure> {
	const placed = placedTouchpoints(state);
	const measures = new Map<string, StageMeasure>();
	for (const stage of state.stages) {
		const counts = noCounts();
		for (const id of placed.get(stage.id) ?? []) addCounts(counts, voice.touchpoints[id]);
		addCounts(counts, voice.stages[stage.id]);
		measures.set(stage.id, measureOf(counts));
	}
	return measures;
}

/**
 * A mean level (1–4) as an emotion score (−2…+2), one decimal: below expectations is −2, exceeds
 * +2, linearly between.
 */
export function emotionOfMean(mean: number): number {
	const score = EMOTION_MIN + ((mean - 1) / 3) * (EMOTION_MAX - EMOTION_MIN);
	return Math.round(score * 10) / 10;
}

/** The emotion curve drawn from customers' answers; a stage with too few answers has no point. */
export function measuredCurve(
	state: Pick<JourneyMapState, 'stages'>,
	measures: Map<string, StageMeasure>
): EmotionPoint[] {
	return state.stages.map((stage) => {
		const measure = measures.get(stage.id);
		return {
			stageId: stage.id,
			stageName: stage.name,
			score:
				measure && !measure.tooFew && measure.mean !== null ? emotionOfMean(measure.mean) : null
		};
	});
}
