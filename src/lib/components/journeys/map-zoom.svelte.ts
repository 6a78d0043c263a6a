// How big a journey map is drawn: fitted to the width of its box (a projector, a laptop) or at a
// chosen step. The choice is remembered per map in this browser; until one is made, a wide screen
// fits the map and a phone shows it at full size (fitted, a phone's map would be too small to read).

/** Zoom steps offered by "zoom in" and "zoom out". */
export const ZOOM_STEPS = [0.5, 0.6, 0.75, 0.9, 1, 1.25] as const;
/** Fitting never draws the map smaller than this: beyond it the overview helps instead. */
export const FIT_MIN = 0.5;
/** Windows at most this wide are phones: their maps start at full size. */
const PHONE_MAX_PX = 720;

/** How wide a map is drawn when zoomed, in rem: the lane column and each stage (JourneyGrid's `.zoomed`). */
export const mapWidthRem = (stages: number): number => 12 + Math.max(1, stages) * 13.5;

export type ZoomChoice = { fit: true } | { fit: false; level: number };

const storageKey = (mapKey: string) => `focusboard:journey-zoom:${mapKey}`;

function readChoice(mapKey: string): ZoomChoice | null {
	try {
		const stored: unknown = JSON.parse(localStorage.getItem(storageKey(mapKey)) ?? 'null');
		if (typeof stored !== 'object' || stored === null) return null;
		if ('fit' in stored && stored.fit === true) return { fit: true };
		if (
			'level' in stored &&
			typeof stored.level === 'number' &&
			ZOOM_STEPS.some((step) => step === stored.level)
		)
			return { fit: false, level: stored.level };
	} catch {
		// No storage (private window) or a value from elsewhere: start afresh.
	}
	return null;
}

export class MapZoom {
	#choice = $state<ZoomChoice>({ fit: false, level: 1 });
	/** The zoom that makes the map as wide as its box, when fitting. */
	#fitted = $state(1);
	readonly #mapKey: string;

	constructor(mapKey: string) {
		this.#mapKey = mapKey;
		if (typeof window === 'undefined') return;
		this.#choice =
			readChoice(mapKey) ??
			(window.innerWidth > PHONE_MAX_PX ? { fit: true } : { fit: false, level: 1 });
	}

	get fitting(): boolean {
		return this.#choice.fit;
	}

	/** The zoom the map is drawn at. */
	get level(): number {
		return this.#choice.fit ? this.#fitted : this.#choice.level;
	}

	get percent(): number {
		return Math.round(this.level * 100);
	}

	get canZoomIn(): boolean {
		return this.level < ZOOM_STEPS[ZOOM_STEPS.length - 1];
	}

	get canZoomOut(): boolean {
		return this.level > ZOOM_STEPS[0];
	}

	zoomIn(): void {
		const next = ZOOM_STEPS.find((step) => step > this.level + 0.001);
		if (next) this.#choose({ fit: false, level: next });
	}

	zoomOut(): void {
		const next = [...ZOOM_STEPS].reverse().find((step) => step < this.level - 0.001);
		if (next) this.#choose({ fit: false, level: next });
	}

	fit(): void {
		this.#choose({ fit: true });
	}

	/**
	 * Measures the fit: `boxWidth` is what the map may take, `mapWidth` how wide it is at full size.
	 * Fitting only ever shrinks the map.
	 */
	measure(boxWidth: number, mapWidth: number): void {
		if (boxWidth <= 0 || mapWidth <= 0) return;
		const fitted = Math.min(1, Math.max(FIT_MIN, Math.floor((boxWidth / mapWidth) * 100) / 100));
		if (Math.abs(fitted - this.#fitted) >= 0.01) this.#fitted = fitted;
	}

	#choose(choice: ZoomChoice): void {
		this.#choice = choice;
		try {
			localStorage.setItem(storageKey(this.#mapKey), JSON.stringify(choice));
		} catch {
			// Not remembered where storage is refused; the choice still holds on this page.
		}
	}
}
