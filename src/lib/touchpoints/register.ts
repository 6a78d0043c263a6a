// The touchpoint register, derived from the journey maps: for each touchpoint of the workspace
// the stages it appears in, the portraits whose maps use it and its latest experience level;
// coverage (share with both an owner and a rule) overall and per stage. Pure, so the server
// builds it from stored documents and tests check it without a database. Filtering and sorting
// the table are here too (the register page does them in the browser).
import type { VoiceSummary } from '$lib/voice/model';
import {
	derivePlacements,
	experienceLevels,
	type ExperienceLevel,
	type ExperienceValue,
	type JourneyMapState
} from '$lib/journeys/doc';
import type { TouchpointSummary, TouchpointType } from './model';

/** A journey map as the register reads it. */
export type RegisterMap = {
	mapId: string;
	title: string;
	portraitId: string;
	portraitName: string;
	state: JourneyMapState;
};

/** One row of the register. */
export type RegisterRow = TouchpointSummary & {
	/** Stage names it appears in (each once, in the order stages first appear across maps). */
	stages: string[];
	/** The same stages as keys (see `stageKey`), for filtering. */
	stageKeys: string[];
	/** Portraits whose maps use it. */
	portraits: { id: string; name: string }[];
	/** Maps that use it. */
	maps: { id: string; title: string }[];
	/** The most recently set experience level of its stages, on any map. */
	experience: ExperienceValue | null;
	/** True when it has both an owner and a rule. */
	covered: boolean;
	/** What customers and staff say of it (Part D); absent where nothing was measured. */
	voice?: VoiceSummary;
};

/** How many touchpoints have both an owner and a rule. */
export type Coverage = {
	total: number;
	covered: number;
	/** Rounded percentage; null when there is nothing to cover. */
	percent: number | null;
};

/** Coverage of the touchpoints appearing in one stage (stages of the same name on several maps are one). */
export type StageCoverage = Coverage & { key: string; name: string };

/** The whole register. */
export type Register = { rows: RegisterRow[]; coverage: Coverage; stages: StageCoverage[] };

/** The key stages of the same name share across maps: trimmed, spaces collapsed, lowercase. */
export function stageKey(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/** Coverage of `rows`. */
export function coverageOf(rows: { covered: boolean }[]): Coverage {
	const covered = rows.filter((row) => row.covered).length;
	return {
		total: rows.length,
		covered,
		percent: rows.length ? Math.round((covered * 100) / rows.length) : null
	};
}

type Gathered = {
	stages: Map<string, string>;
	portraits: Map<string, string>;
	maps: Map<string, string>;
	experience: ExperienceValue | null;
};

/** Derives the register of `touchpoints` from `maps`; references to other touchpoints are ignored. */
export function deriveRegister(touchpoints: TouchpointSummary[], maps: RegisterMap[]): Register {
	const known = new Set(touchpoints.map((touchpoint) => touchpoint.id));
	const gathered = new Map<string, Gathered>();
	const stageNames = new Map<string, string>();
	for (const map of maps) {
		for (const stage of map.state.stages) {
			const key = stageKey(stage.name);
			if (!stageNames.has(key)) stageNames.set(key, stage.name.trim());
		}
		for (const placement of derivePlacements(map.state)) {
			if (!known.has(placement.touchpointId)) continue;
			let entry = gathered.get(placement.touchpointId);
			if (!entry) {
				entry = { stages: new Map(), portraits: new Map(), maps: new Map(), experience: null };
				gathered.set(placement.touchpointId, entry);
			}
			for (const stage of placement.stages) {
				const key = stageKey(stage.name);
				if (!entry.stages.has(key)) entry.stages.set(key, stageNames.get(key) ?? stage.name);
			}
			entry.portraits.set(map.portraitId, map.portraitName);
			entry.maps.set(map.mapId, map.title);
			const value = placement.experience;
			if (value && (!entry.experience || value.at >= entry.experience.at))
				entry.experience = { level: value.level, at: value.at };
		}
	}
	const stageOrder = [...stageNames.keys()];
	const rows: RegisterRow[] = touchpoints.map((touchpoint) => {
		const entry = gathered.get(touchpoint.id);
		const keys = entry
			? [...entry.stages.keys()].sort((a, b) => stageOrder.indexOf(a) - stageOrder.indexOf(b))
			: [];
		return {
			...touchpoint,
			stages: keys.map((key) => stageNames.get(key) ?? key),
			stageKeys: keys,
			portraits: entry ? [...entry.portraits].map(([id, name]) => ({ id, name })) : [],
			maps: entry ? [...entry.maps].map(([id, title]) => ({ id, title })) : [],
			experience: entry?.experience ?? null,
			covered: touchpoint.ownerId !== null && touchpoint.hasRule
		};
	});
	const stages = stageOrder
		.map((key) => ({
			key,
			name: stageNames.get(key) ?? key,
			...coverageOf(rows.filter((row) => row.stageKeys.includes(key)))
		}))
		.filter((stage) => stage.total > 0);
	return { rows, coverage: coverageOf(rows), stages };
}

/** What the register table can be filtered by; empty strings mean "any". */
export type RegisterFilter = {
	/** Words to find in the name, kind or channel. */
	text: string;
	type: TouchpointType | '';
	channel: string;
	/** A stage key. */
	stage: string;
	/** An owner's user id, or `none` for touchpoints without one. */
	owner: string;
	rule: 'present' | 'missing' | '';
	/** A level, or `none` for touchpoints without one. */
	experience: ExperienceLevel | 'none' | '';
	portrait: string;
};

/** A filter that keeps every row. */
export const emptyFilter: RegisterFilter = {
	text: '',
	type: '',
	channel: '',
	stage: '',
	owner: '',
	rule: '',
	experience: '',
	portrait: ''
};

/** The rows `filter` keeps, in their order. */
export function filterRegister(rows: RegisterRow[], filter: RegisterFilter): RegisterRow[] {
	const words = filter.text.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
	const channel = filter.channel.trim().toLocaleLowerCase();
	return rows.filter((row) => {
		if (filter.type && row.type !== filter.type) return false;
		if (channel && row.channel.trim().toLocaleLowerCase() !== channel) return false;
		if (filter.stage && !row.stageKeys.includes(filter.stage)) return false;
		if (
			filter.owner === 'none' ? row.ownerId !== null : filter.owner && row.ownerId !== filter.owner
		)
			return false;
		if (filter.rule && row.hasRule !== (filter.rule === 'present')) return false;
		if (
			filter.experience === 'none'
				? row.experience !== null
				: filter.experience && row.experience?.level !== filter.experience
		)
			return false;
		if (filter.portrait && !row.portraits.some((portrait) => portrait.id === filter.portrait))
			return false;
		if (words.length) {
			const haystack = `${row.name} ${row.kind} ${row.channel}`.toLocaleLowerCase();
			if (!words.every((word) => haystack.includes(word))) return false;
		}
		return true;
	});
}

/** Columns the register sorts by. */
export const registerSortKeys = [
	'name',
	'type',
	'channel',
	'stages',
	'owner',
	'rule',
	'experience',
	'customers',
	'gap',
	'portraits'
] as const;
export type RegisterSortKey = (typeof registerSortKeys)[number];
export type RegisterSort = { key: RegisterSortKey; descending: boolean };

/** The rows sorted by one column (ties by name); missing values sort last either way. */
export function sortRegister(
	rows: RegisterRow[],
	sort: RegisterSort,
	locale = 'en'
): RegisterRow[] {
	const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
	const value = (row: RegisterRow): string | number | null => {
		switch (sort.key) {
			case 'name':
				return row.name;
			case 'type':
				return row.type;
			case 'channel':
				return row.channel || null;
			case 'stages':
				return row.stages.length ? row.stages.length : null;
			case 'owner':
				return row.ownerName;
			case 'rule':
				return row.hasRule ? 1 : 0;
			case 'experience':
				return row.experience ? experienceLevels.indexOf(row.experience.level) : null;
			case 'customers':
				return row.voice?.customerMean ?? null;
			case 'gap':
				return row.voice?.gap ?? null;
			case 'portraits':
				return row.portraits.length
					? row.portraits.map((portrait) => portrait.name).join(', ')
					: null;
		}
	};
	const direction = sort.descending ? -1 : 1;
	return rows
		.map((row) => ({ row, key: value(row) }))
		.sort((a, b) => {
			if (a.key === null || b.key === null) {
				if (a.key !== b.key) return a.key === null ? 1 : -1;
			} else {
				const order =
					typeof a.key === 'number' && typeof b.key === 'number'
						? a.key - b.key
						: collator.compare(String(a.key), String(b.key));
				if (order !== 0) return order * direction;
			}
			return collator.compare(a.row.name, b.row.name) || (a.row.id < b.row.id ? -1 : 1);
		})
		.map(({ row }) => row);
}
