// Reading a journey map document into plain state, and what the pages derive from that state.
// Anything a client may have written out of shape is left out (see `layout.ts`).
import * as Y from 'yjs';
import {
	CARD_TEXT_MAX,
	LANE_NAME_MAX,
	STAGE_NAME_MAX,
	cardsOf,
	cellKey,
	cellKind,
	finite,
	isEmotionScore,
	isExperienceLevel,
	isLaneKind,
	lanesOf,
	stagesOf,
	touchpointRevisionsOf,
	valuesOf,
	type Card,
	type EmotionValue,
	type ExperienceValue,
	type JourneyMapState,
	type Lane,
	type LaneKind,
	type Stage
} from './layout';

const text = (value: unknown, max: number): string =>
	typeof value === 'string' ? value.slice(0, max) : '';

const byOrder = <T extends { order: number; id: string }>(a: T, b: T) =>
	a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Reads the stages in order. */
export function readStages(doc: Y.Doc): Stage[] {
	const stages: Stage[] = [];
	stagesOf(doc).forEach((stage, id) => {
		if (!(stage instanceof Y.Map)) return;
		stages.push({
			id,
			name: text(stage.get('name'), STAGE_NAME_MAX),
			order: finite(stage.get('order'))
		});
	});
	return stages.sort(byOrder);
}

/** Reads the lanes in order, hidden ones included. */
export function readLanes(doc: Y.Doc): Lane[] {
	const lanes: Lane[] = [];
	lanesOf(doc).forEach((lane, id) => {
		if (!(lane instanceof Y.Map)) return;
		const kind = lane.get('kind');
		if (!isLaneKind(kind)) return;
		lanes.push({
			id,
			kind,
			name: text(lane.get('name'), LANE_NAME_MAX),
			order: finite(lane.get('order')),
			hidden: lane.get('hidden') === true
		});
	});
	return lanes.sort(byOrder);
}

/** Reads the whole map; what does not fit the layout is left out. */
export function readMap(doc: Y.Doc): JourneyMapState {
	const stages = readStages(doc);
	const lanes = readLanes(doc);
	const stageIds = new Set(stages.map((stage) => stage.id));
	const laneKindById = new Map(lanes.map((lane) => [lane.id, cellKind(lane.kind)]));
	const cards: Card[] = [];
	cardsOf(doc).forEach((card, id) => {
		if (!(card instanceof Y.Map)) return;
		const laneId = card.get('lane');
		const stageId = card.get('stage');
		if (typeof laneId !== 'string' || typeof stageId !== 'string' || !stageIds.has(stageId)) return;
		const kind = laneKindById.get(laneId);
		const order = finite(card.get('order'));
		const body = card.get('text');
		const touchpointId = card.get('touchpointId');
		if (kind === 'text' && body instanceof Y.Text)
			cards.push({
				id,
				kind: 'text',
				laneId,
				stageId,
				order,
				text: body.toString().slice(0, CARD_TEXT_MAX)
			});
		else if (kind === 'touchpoints' && typeof touchpointId === 'string')
			cards.push({ id, kind: 'touchpoint', laneId, stageId, order, touchpointId });
	});
	cards.sort(byOrder);
	const experience: Record<string, ExperienceValue> = {};
	const emotion: Record<string, EmotionValue> = {};
	const cellsOf = new Map(
		lanes.flatMap((lane) => stages.map((stage) => [cellKey(lane.id, stage.id), lane.kind] as const))
	);
	valuesOf(doc).forEach((value, key) => {
		const laneKind = cellsOf.get(key);
		if (typeof value !== 'object' || value === null) return;
		const at = 'at' in value ? finite(value.at) : 0;
		if (laneKind === 'experience' && 'level' in value && isExperienceLevel(value.level))
			experience[key] = { level: value.level, at };
		else if (laneKind === 'emotion' && 'score' in value && isEmotionScore(value.score))
			emotion[key] = { score: value.score, at };
	});
	return { stages, lanes, cards, experience, emotion };
}

/** The cards of each cell, by cell key, in order. */
export function cardsByCell(state: JourneyMapState): Map<string, Card[]> {
	const cells = new Map<string, Card[]>();
	for (const card of state.cards) {
		const key = cellKey(card.laneId, card.stageId);
		const list = cells.get(key);
		if (list) list.push(card);
		else cells.set(key, [card]);
	}
	return cells;
}

/** Calls `changed` whenever someone else records a touchpoint change; returns the unsubscribe. */
/** Calls `changed` whenever someone else records a touchpoint change; returns the unsubscribe. */
export function onTouchpointChanged(doc: Y.Doc, changed: () => void): () => void {
	const observer = (event: Y.YMapEvent<number>) => {
		if (!event.transaction.local) changed();
	};
	touchpointRevisionsOf(doc).observe(observer);
	return () => touchpointRevisionsOf(doc).unobserve(observer);
}

/** The shared text of a text card, to edit it in place; null for other cards. */
export function cardText(doc: Y.Doc, cardId: string): Y.Text | null {
	const body = cardsOf(doc).get(cardId)?.get('text');
	return body instanceof Y.Text ? body : null;
}

/** The first lane of a kind, in order. */
export function laneOfKind(state: JourneyMapState, kind: LaneKind): Lane | undefined {
	return state.lanes.find((lane) => lane.kind === kind);
}

/** One point of the emotion curve: a stage and its score, if set. */
export type EmotionPoint = { stageId: string; stageName: string; score: number | null };

/** The emotion scores across the stages (of the map's first emotion lane). */
export function emotionCurve(state: JourneyMapState): EmotionPoint[] {
	const lane = laneOfKind(state, 'emotion');
	return state.stages.map((stage) => ({
		stageId: stage.id,
		stageName: stage.name,
		score: lane ? (state.emotion[cellKey(lane.id, stage.id)]?.score ?? null) : null
	}));
}

/** Where one touchpoint appears on a map. */
export type TouchpointPlacement = {
	touchpointId: string;
	/** Stages it appears in, in stage order, each once. */
	stages: Stage[];
	/** The most recently set experience level among those stages, with the stage it belongs to. */
	experience: (ExperienceValue & { stageId: string }) | null;
};

/**
 * Where each referenced touchpoint appears (in any touchpoints lane, hidden or not) and the
 * latest experience level of those stages (the map's first experience lane). Ordered by first
 * appearance, stage by stage.
 */
export function derivePlacements(state: JourneyMapState): TouchpointPlacement[] {
	const stageIndex = new Map(state.stages.map((stage, index) => [stage.id, index]));
	const found = new Map<string, Set<number>>();
	for (const card of state.cards) {
		if (card.kind !== 'touchpoint') continue;
		const index = stageIndex.get(card.stageId);
		if (index === undefined) continue;
		const stages = found.get(card.touchpointId) ?? new Set<number>();
		stages.add(index);
		found.set(card.touchpointId, stages);
	}
	const experienceLane = laneOfKind(state, 'experience');
	const placements = [...found].map(([touchpointId, indexes]) => {
		const stages = [...indexes].sort((a, b) => a - b).map((index) => state.stages[index]);
		let experience: TouchpointPlacement['experience'] = null;
		for (const stage of stages) {
			const value = experienceLane
				? state.experience[cellKey(experienceLane.id, stage.id)]
				: undefined;
			if (value && (!experience || value.at >= experience.at))
				experience = { ...value, stageId: stage.id };
		}
		return {
			touchpointId,
			stages,
			experience,
			first: stages[0] ? (stageIndex.get(stages[0].id) ?? 0) : 0
		};
	});
	return placements
		.sort((a, b) => a.first - b.first)
		.map(({ touchpointId, stages, experience }) => ({ touchpointId, stages, experience }));
}
