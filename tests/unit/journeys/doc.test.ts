import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addLane,
	addStage,
	addTextCard,
	addTouchpointCard,
	cardsByCell,
	cellKey,
	defaultLaneKinds,
	derivePlacements,
	emotionCurve,
	laneOfKind,
	moveCard,
	moveLane,
	moveStage,
	newId,
	orderAt,
	readMap,
	removeCard,
	removeLane,
	removeStage,
	renameLane,
	renameStage,
	setCardText,
	setEmotion,
	setExperience,
	setLaneHidden,
	STAGE_NAME_MAX,
	STAGES_MAX,
	CELL_CARDS_MAX
} from '$lib/journeys/doc';
import { createDefaultMap } from '$lib/server/journeys/map-writes';

const STAGES = ['First contact', 'Consideration', 'Purchase', 'Ownership', 'Loyalty', 'Leaving'];

function sync(from: Y.Doc, to: Y.Doc) {
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function defaultMap() {
	const doc = new Y.Doc();
	createDefaultMap(doc, STAGES);
	const state = readMap(doc);
	const lane = (kind: (typeof defaultLaneKinds)[number]) => {
		const found = laneOfKind(state, kind);
		if (!found) throw new Error(`no ${kind} lane`);
		return found.id;
	};
	const stage = (name: string) => {
		const found = state.stages.find((s) => s.name === name);
		if (!found) throw new Error(`no stage ${name}`);
		return found.id;
	};
	return { doc, lane, stage };
}

describe('a new journey map', () => {
	it('has the given stages and the eight built-in lanes, in order, once', () => {
		const doc = new Y.Doc();
		expect(createDefaultMap(doc, STAGES)).toBe(true);
		expect(createDefaultMap(doc, ['Other'])).toBe(false);
		const state = readMap(doc);
		expect(state.stages.map((stage) => stage.name)).toEqual(STAGES);
		expect(state.lanes.map((lane) => lane.kind)).toEqual([...defaultLaneKinds]);
		expect(state.lanes.every((lane) => lane.name === '' && !lane.hidden)).toBe(true);
		expect(doc.getMap('meta').get('version')).toBe(1);
		expect(state.cards).toEqual([]);
	});

	it('makes UUIDs', () => {
		expect(newId()).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
		);
	});
});

describe('stages', () => {
	it('are added, renamed, moved and removed with their cards and values', () => {
		const { doc, lane, stage } = defaultMap();
		const extra = addStage(doc, 'Recommendation', 1);
		expect(extra).not.toBeNull();
		expect(readMap(doc).stages.map((s) => s.name)).toEqual([
			'First contact',
			'Recommendation',
			'Consideration',
			'Purchase',
			'Ownership',
			'Loyalty',
			'Leaving'
		]);
		renameStage(doc, stage('Purchase'), 'x'.repeat(STAGE_NAME_MAX + 10));
		expect(readMap(doc).stages[3].name).toHaveLength(STAGE_NAME_MAX);
		moveStage(doc, stage('Leaving'), 0);
		moveStage(doc, stage('First contact'), 99);
		expect(readMap(doc).stages.map((s) => s.name.slice(0, 12))).toEqual([
			'Leaving',
			'Recommendati',
			'Consideratio',
			'xxxxxxxxxxxx',
			'Ownership',
			'Loyalty',
			'First contac'
		]);
		const card = addTextCard(doc, lane('pain'), stage('Leaving'), 'Nobody calls back');
		setEmotion(doc, lane('emotion'), stage('Leaving'), -2);
		expect(card).not.toBeNull();
		removeStage(doc, stage('Leaving'));
		const state = readMap(doc);
		expect(state.stages).toHaveLength(6);
		expect(state.cards).toEqual([]);
		expect(doc.getMap('cards').size).toBe(0);
		expect(doc.getMap('values').size).toBe(0);
	});

	it('stop at the limit', () => {
		const doc = new Y.Doc();
		createDefaultMap(
			doc,
			Array.from({ length: STAGES_MAX + 5 }, (_, i) => `S${i}`)
		);
		expect(readMap(doc).stages).toHaveLength(STAGES_MAX);
		expect(addStage(doc, 'One more')).toBeNull();
	});

	it('moved by two people at once end up in one place each, nothing duplicated', () => {
		const { doc, stage } = defaultMap();
		const other = new Y.Doc();
		sync(doc, other);
		moveStage(doc, stage('Leaving'), 0);
		moveStage(other, stage('Leaving'), 2);
		renameStage(other, stage('Purchase'), 'Booking');
		sync(doc, other);
		sync(other, doc);
		expect(readMap(doc).stages).toEqual(readMap(other).stages);
		expect(
			readMap(doc)
				.stages.map((s) => s.name)
				.sort()
		).toEqual(
			['First contact', 'Consideration', 'Booking', 'Ownership', 'Loyalty', 'Leaving'].sort()
		);
	});
});

describe('lanes', () => {
	it('hide, reorder, and free lanes are added, renamed and removed; built-in ones only hide', () => {
		const { doc, lane, stage } = defaultMap();
		setLaneHidden(doc, lane('indicators'), true);
		moveLane(doc, lane('emotion'), 0);
		const free = addLane(doc, 'Competitors');
		expect(free).not.toBeNull();
		if (!free) return;
		renameLane(doc, free, 'What competitors do');
		renameLane(doc, lane('pain'), 'Renamed');
		addTextCard(doc, free, stage('Purchase'), 'They call back in 5 minutes');
		let state = readMap(doc);
		expect(state.lanes.map((l) => l.kind)).toEqual([
			'emotion',
			'touchpoints',
			'actions',
			'expectations',
			'experience',
			'pain',
			'wow',
			'indicators',
			'free'
		]);
		expect(state.lanes.find((l) => l.kind === 'indicators')?.hidden).toBe(true);
		expect(state.lanes.find((l) => l.kind === 'pain')?.name).toBe('');
		expect(state.lanes.at(-1)?.name).toBe('What competitors do');
		expect(state.cards).toHaveLength(1);
		removeLane(doc, lane('pain'));
		removeLane(doc, free);
		state = readMap(doc);
		expect(state.lanes).toHaveLength(8);
		expect(state.cards).toEqual([]);
	});
});

describe('cards', () => {
	it('hold text edited in place, and moves keep them in lanes of the same kind', () => {
		const { doc, lane, stage } = defaultMap();
		const a = addTextCard(doc, lane('actions'), stage('Purchase'), 'Compares prices');
		const b = addTextCard(doc, lane('actions'), stage('Purchase'), 'Asks a friend');
		expect(a && b).toBeTruthy();
		if (!a || !b) return;
		expect(addTextCard(doc, lane('touchpoints'), stage('Purchase'), 'no')).toBeNull();
		expect(addTextCard(doc, lane('emotion'), stage('Purchase'), 'no')).toBeNull();
		setCardText(doc, a, 'Compares prices online');
		moveCard(doc, b, lane('actions'), stage('Purchase'), 0);
		let cells = cardsByCell(readMap(doc));
		expect(
			cells
				.get(cellKey(lane('actions'), stage('Purchase')))
				?.map((c) => c.kind === 'text' && c.text)
		).toEqual(['Asks a friend', 'Compares prices online']);
		expect(moveCard(doc, a, lane('pain'), stage('Leaving'))).toBe(true);
		expect(moveCard(doc, a, lane('touchpoints'), stage('Leaving'))).toBe(false);
		removeCard(doc, b);
		cells = cardsByCell(readMap(doc));
		expect([...cells.keys()]).toEqual([cellKey(lane('pain'), stage('Leaving'))]);
	});

	it('typed by two people at once merge character by character', () => {
		const { doc, lane, stage } = defaultMap();
		const card = addTextCard(doc, lane('expectations'), stage('Purchase'), 'Fast answer');
		if (!card) throw new Error('no card');
		const other = new Y.Doc();
		sync(doc, other);
		setCardText(doc, card, 'A fast answer');
		setCardText(other, card, 'Fast answer by phone');
		sync(doc, other);
		sync(other, doc);
		const texts = [doc, other].map((d) =>
			readMap(d).cards.map((c) => (c.kind === 'text' ? c.text : ''))
		);
		expect(texts[0]).toEqual(['A fast answer by phone']);
		expect(texts[1]).toEqual(texts[0]);
	});

	it('place a touchpoint once per cell, and a cell holds a bounded number of cards', () => {
		const { doc, lane, stage } = defaultMap();
		const touchpointId = newId();
		const first = addTouchpointCard(doc, lane('touchpoints'), stage('Purchase'), touchpointId);
		expect(addTouchpointCard(doc, lane('touchpoints'), stage('Purchase'), touchpointId)).toBe(
			first
		);
		expect(addTouchpointCard(doc, lane('actions'), stage('Purchase'), touchpointId)).toBeNull();
		for (let i = 0; i < CELL_CARDS_MAX + 3; i++)
			addTextCard(doc, lane('wow'), stage('Leaving'), `${i}`);
		expect(cardsByCell(readMap(doc)).get(cellKey(lane('wow'), stage('Leaving')))).toHaveLength(
			CELL_CARDS_MAX
		);
	});
});

describe('reading a document someone wrote out of shape', () => {
	it('ignores unknown lane kinds, cards of missing stages, and bad values', () => {
		const { doc, lane, stage } = defaultMap();
		doc.transact(() => {
			const weird = new Y.Map<unknown>();
			weird.set('kind', 'secret');
			doc.getMap<Y.Map<unknown>>('lanes').set('weird', weird);
			const orphan = new Y.Map<unknown>();
			orphan.set('lane', lane('actions'));
			orphan.set('stage', 'gone');
			orphan.set('text', new Y.Text('x'));
			doc.getMap<Y.Map<unknown>>('cards').set('orphan', orphan);
			const wrongKind = new Y.Map<unknown>();
			wrongKind.set('lane', lane('touchpoints'));
			wrongKind.set('stage', stage('Purchase'));
			wrongKind.set('text', new Y.Text('not a reference'));
			doc.getMap<Y.Map<unknown>>('cards').set('wrong', wrongKind);
			doc
				.getMap('values')
				.set(cellKey(lane('experience'), stage('Purchase')), { level: 'ecstatic', at: 1 });
			doc.getMap('values').set(cellKey(lane('emotion'), stage('Purchase')), { score: 7, at: 1 });
			doc.getMap('values').set(cellKey(lane('emotion'), stage('Leaving')), { score: 1.5, at: 1 });
			doc.getMap('values').set(cellKey(lane('actions'), stage('Leaving')), { score: 1, at: 1 });
			doc.getMap('values').set('nonsense', 'x');
		});
		const state = readMap(doc);
		expect(state.lanes.map((l) => l.kind)).not.toContain('secret');
		expect(state.cards).toEqual([]);
		expect(state.experience).toEqual({});
		expect(state.emotion).toEqual({});
	});
});

describe('experience and emotion', () => {
	it('are set per stage with the time, cleared with null, and drawn as a curve', () => {
		const { doc, lane, stage } = defaultMap();
		setEmotion(doc, lane('emotion'), stage('First contact'), -1);
		setEmotion(doc, lane('emotion'), stage('Purchase'), 2);
		setEmotion(doc, lane('emotion'), stage('Loyalty'), 3);
		setEmotion(doc, lane('actions'), stage('Loyalty'), 1);
		setExperience(doc, lane('experience'), stage('Purchase'), 'exceeds', 1000);
		setExperience(doc, lane('experience'), stage('Leaving'), 'below', 2000);
		setExperience(doc, lane('experience'), stage('Leaving'), null);
		const state = readMap(doc);
		expect(emotionCurve(state).map((point) => point.score)).toEqual([
			-1,
			null,
			2,
			null,
			null,
			null
		]);
		expect(Object.values(state.experience)).toEqual([{ level: 'exceeds', at: 1000 }]);
	});
});

describe('placements of touchpoints', () => {
	it('list the stages of each touchpoint once, in stage order, with the latest experience level', () => {
		const { doc, lane, stage } = defaultMap();
		const web = newId();
		const phone = newId();
		addTouchpointCard(doc, lane('touchpoints'), stage('Purchase'), web);
		addTouchpointCard(doc, lane('touchpoints'), stage('First contact'), web);
		addTouchpointCard(doc, lane('touchpoints'), stage('Leaving'), phone);
		const second = addLane(doc, 'spare');
		if (second) addTextCard(doc, second, stage('Purchase'), web);
		setExperience(doc, lane('experience'), stage('First contact'), 'below', 3000);
		setExperience(doc, lane('experience'), stage('Purchase'), 'meets', 2000);
		const placements = derivePlacements(readMap(doc));
		expect(
			placements.map((p) => [p.touchpointId, p.stages.map((s) => s.name), p.experience?.level])
		).toEqual([
			[web, ['First contact', 'Purchase'], 'below'],
			[phone, ['Leaving'], undefined]
		]);
		setExperience(doc, lane('experience'), stage('Purchase'), 'exceeds', 4000);
		expect(derivePlacements(readMap(doc))[0].experience).toEqual({
			level: 'exceeds',
			at: 4000,
			stageId: stage('Purchase')
		});
		setLaneHidden(doc, lane('touchpoints'), true);
		expect(derivePlacements(readMap(doc))).toHaveLength(2);
	});
});

describe('order numbers', () => {
	it('place an item before, between or after the others', () => {
		expect(orderAt([], 0)).toBe(1);
		expect(orderAt([1, 2, 3], 0)).toBe(0);
		expect(orderAt([1, 2, 3], 1)).toBe(1.5);
		expect(orderAt([1, 2, 3], 3)).toBe(4);
		expect(orderAt([1, 2, 3], 42)).toBe(4);
	});
});
