import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addTouchpointCard,
	laneOfKind,
	readMap,
	setExperience,
	type JourneyMapState
} from '$lib/journeys/doc';
import { createDefaultMap } from '$lib/server/journeys/map-writes';
import type { TouchpointSummary } from '$lib/touchpoints/model';
import {
	coverageOf,
	deriveRegister,
	emptyFilter,
	filterRegister,
	sortRegister,
	stageKey,
	type RegisterMap
} from '$lib/touchpoints/register';

function touchpoint(
	id: string,
	name: string,
	extra: Partial<TouchpointSummary> = {}
): TouchpointSummary {
	return {
		id,
		name,
		type: 'business',
		kind: '',
		channel: '',
		ownerId: null,
		ownerName: null,
		hasRule: false,
		revision: 0,
		...extra
	};
}

/** A map with `stages` and `place` as [touchpoint, stage] pairs and [stage, level, at] levels. */
function journey(
	stages: string[],
	place: [string, string][],
	levels: [string, 'below' | 'indifferent' | 'meets' | 'exceeds', number][] = []
): JourneyMapState {
	const doc = new Y.Doc();
	createDefaultMap(doc, stages);
	const state = readMap(doc);
	const stageId = (name: string) => state.stages.find((s) => s.name === name)?.id ?? 'missing';
	const touchLane = laneOfKind(state, 'touchpoints')?.id ?? '';
	const experienceLane = laneOfKind(state, 'experience')?.id ?? '';
	for (const [id, stage] of place) addTouchpointCard(doc, touchLane, stageId(stage), id);
	for (const [stage, level, at] of levels)
		setExperience(doc, experienceLane, stageId(stage), level, at);
	return readMap(doc);
}

const owner = { ownerId: 'u1', ownerName: 'Maria' };
const touchpoints = [
	touchpoint('web', 'Website booking page', { ...owner, hasRule: true, channel: 'web' }),
	touchpoint('call', 'Call centre line', { ...owner, hasRule: true, channel: 'phone' }),
	touchpoint('guard', 'Entrance and guard', {
		type: 'employee',
		ownerId: 'u2',
		ownerName: 'Tom',
		channel: 'in person'
	}),
	touchpoint('sms', 'Follow-up message', { channel: 'SMS' }),
	touchpoint('unused', 'Company cars', { hasRule: true })
];

function maps(): RegisterMap[] {
	return [
		{
			mapId: 'm1',
			title: 'Parents',
			portraitId: 'p1',
			portraitName: 'Busy parent',
			state: journey(
				['First contact', 'Booking and visit', 'Leaving'],
				[
					['web', 'First contact'],
					['web', 'Booking and visit'],
					['call', 'First contact'],
					['guard', 'Booking and visit'],
					['ghost', 'Leaving']
				],
				[
					['First contact', 'below', 100],
					['Booking and visit', 'meets', 300]
				]
			)
		},
		{
			mapId: 'm2',
			title: 'Seniors',
			portraitId: 'p2',
			portraitName: 'Retired patient',
			state: journey(
				['first  contact ', 'Treatment'],
				[
					['web', 'first  contact '],
					['sms', 'Treatment']
				],
				[['first  contact ', 'exceeds', 200]]
			)
		}
	];
}

describe('the register derived from maps', () => {
	it('lists every touchpoint with its stages, portraits and latest experience level', () => {
		const register = deriveRegister(touchpoints, maps());
		const row = (id: string) => register.rows.find((r) => r.id === id);
		expect(register.rows.map((r) => r.id)).toEqual(['web', 'call', 'guard', 'sms', 'unused']);
		expect(row('web')?.stages).toEqual(['First contact', 'Booking and visit']);
		expect(row('web')?.portraits.map((p) => p.name)).toEqual(['Busy parent', 'Retired patient']);
		expect(row('web')?.maps.map((m) => m.id)).toEqual(['m1', 'm2']);
		// below at 100 and meets at 300 on the first map, exceeds at 200 on the second: meets is latest.
		expect(row('web')?.experience).toEqual({ level: 'meets', at: 300 });
		expect(row('call')?.experience).toEqual({ level: 'below', at: 100 });
		expect(row('sms')?.stages).toEqual(['Treatment']);
		expect(row('sms')?.experience).toBeNull();
		expect(row('unused')).toMatchObject({
			stages: [],
			portraits: [],
			experience: null,
			covered: false
		});
		expect(register.rows.some((r) => r.id === 'ghost')).toBe(false);
	});

	it('counts coverage overall and per stage (stages of the same name on several maps are one)', () => {
		const register = deriveRegister(touchpoints, maps());
		expect(register.coverage).toEqual({ total: 5, covered: 2, percent: 40 });
		expect(register.stages).toEqual([
			{ key: 'first contact', name: 'First contact', total: 2, covered: 2, percent: 100 },
			{ key: 'booking and visit', name: 'Booking and visit', total: 2, covered: 1, percent: 50 },
			{ key: 'treatment', name: 'Treatment', total: 1, covered: 0, percent: 0 }
		]);
		expect(coverageOf([])).toEqual({ total: 0, covered: 0, percent: null });
		expect(stageKey('  First   Contact ')).toBe('first contact');
	});

	it('filters and sorts the table', () => {
		const { rows } = deriveRegister(touchpoints, maps());
		const ids = (list: { id: string }[]) => list.map((r) => r.id);
		expect(ids(filterRegister(rows, { ...emptyFilter, rule: 'missing' }))).toEqual([
			'guard',
			'sms'
		]);
		expect(ids(filterRegister(rows, { ...emptyFilter, owner: 'none' }))).toEqual(['sms', 'unused']);
		expect(
			ids(filterRegister(rows, { ...emptyFilter, owner: 'u1', stage: 'first contact' }))
		).toEqual(['web', 'call']);
		expect(ids(filterRegister(rows, { ...emptyFilter, type: 'employee' }))).toEqual(['guard']);
		expect(ids(filterRegister(rows, { ...emptyFilter, channel: 'PHONE' }))).toEqual(['call']);
		expect(ids(filterRegister(rows, { ...emptyFilter, experience: 'none' }))).toEqual([
			'sms',
			'unused'
		]);
		expect(ids(filterRegister(rows, { ...emptyFilter, experience: 'meets' }))).toEqual([
			'web',
			'guard'
		]);
		expect(ids(filterRegister(rows, { ...emptyFilter, portrait: 'p2' }))).toEqual(['web', 'sms']);
		expect(ids(filterRegister(rows, { ...emptyFilter, text: 'line call' }))).toEqual(['call']);
		expect(ids(sortRegister(rows, { key: 'name', descending: false }))).toEqual([
			'call',
			'unused',
			'guard',
			'sms',
			'web'
		]);
		expect(ids(sortRegister(rows, { key: 'owner', descending: true }))).toEqual([
			'guard',
			'call',
			'web',
			'unused',
			'sms'
		]);
		expect(ids(sortRegister(rows, { key: 'experience', descending: true }))).toEqual([
			'guard',
			'web',
			'call',
			'unused',
			'sms'
		]);
		expect(ids(sortRegister(rows, { key: 'rule', descending: false })).slice(0, 2)).toEqual([
			'guard',
			'sms'
		]);
		// The largest gap between our view and the customers' first; unmeasured rows last.
		const voice = (gap: number | null, customerMean: number | null) => ({
			answers: 12,
			customerMean,
			staffMean: gap === null || customerMean === null ? null : customerMean + gap,
			gap
		});
		const measured = rows.map((row) =>
			row.id === 'call'
				? { ...row, voice: voice(2, 1.5) }
				: row.id === 'web'
					? { ...row, voice: voice(-0.5, 3.5) }
					: row.id === 'guard'
						? { ...row, voice: voice(null, 2) }
						: row
		);
		expect(ids(sortRegister(measured, { key: 'gap', descending: true })).slice(0, 2)).toEqual([
			'call',
			'web'
		]);
		expect(
			ids(sortRegister(measured, { key: 'customers', descending: false })).slice(0, 3)
		).toEqual(['call', 'guard', 'web']);
	});

	it('filters 2,000 rows well under 100 ms', () => {
		const many = Array.from({ length: 2000 }, (_, i) =>
			touchpoint(`t${i}`, `Touchpoint ${i}`, {
				channel: i % 3 ? 'web' : 'phone',
				hasRule: i % 2 === 0
			})
		);
		const { rows } = deriveRegister(many, []);
		const started = performance.now();
		const kept = filterRegister(rows, {
			...emptyFilter,
			channel: 'web',
			rule: 'present',
			text: '1'
		});
		sortRegister(kept, { key: 'name', descending: true });
		expect(performance.now() - started).toBeLessThan(100);
		expect(kept.length).toBeGreaterThan(0);
	});
});
