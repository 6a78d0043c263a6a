import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	FIT_MIN,
	mapWidthRem,
	MapZoom
} from '../../../src/lib/components/journeys/map-zoom.svelte';

/** A browser's storage, enough for the zoom to remember its choice. */
function memoryStorage() {
	const values = new Map<string, string>();
	return {
		getItem: (key: string) => values.get(key) ?? null,
		setItem: (key: string, value: string) => void values.set(key, value)
	};
}

describe('the zoom of a journey map', () => {
	beforeEach(() => {
		vi.stubGlobal('localStorage', memoryStorage());
	});
	afterEach(() => {
		vi.unstubAllGlobals();
	});

	it('fits a wide screen from the start and never enlarges or shrinks below the floor', () => {
		vi.stubGlobal('window', { innerWidth: 1280 });
		const zoom = new MapZoom('map-a');
		expect(zoom.fitting).toBe(true);
		const rem = 16;
		// Six stages in a 976-pixel box.
		zoom.measure(976, mapWidthRem(6) * rem);
		expect(zoom.level).toBe(0.65);
		expect(zoom.percent).toBe(65);
		zoom.measure(5000, mapWidthRem(6) * rem);
		expect(zoom.level).toBe(1);
		zoom.measure(100, mapWidthRem(6) * rem);
		expect(zoom.level).toBe(FIT_MIN);
	});

	it('starts a phone at full size', () => {
		vi.stubGlobal('window', { innerWidth: 390 });
		const zoom = new MapZoom('map-a');
		expect(zoom.fitting).toBe(false);
		expect(zoom.level).toBe(1);
	});

	it('steps from the fitted zoom and remembers the choice per map', () => {
		vi.stubGlobal('window', { innerWidth: 1280 });
		const zoom = new MapZoom('map-a');
		zoom.measure(976, mapWidthRem(6) * 16);
		zoom.zoomIn();
		expect(zoom.fitting).toBe(false);
		expect(zoom.level).toBe(0.75);
		zoom.zoomIn();
		zoom.zoomIn();
		zoom.zoomIn();
		expect(zoom.level).toBe(1.25);
		expect(zoom.canZoomIn).toBe(false);
		zoom.zoomIn();
		expect(zoom.level).toBe(1.25);
		zoom.zoomOut();
		expect(zoom.level).toBe(1);

		expect(new MapZoom('map-a').level).toBe(1);
		expect(new MapZoom('map-a').fitting).toBe(false);
		// Another map keeps its own (here: none yet, so fitted).
		expect(new MapZoom('map-b').fitting).toBe(true);
		zoom.fit();
		expect(new MapZoom('map-a').fitting).toBe(true);
	});

	it('ignores a stored value it does not know', () => {
		vi.stubGlobal('window', { innerWidth: 1280 });
		localStorage.setItem('focusboard:journey-zoom:map-a', JSON.stringify({ level: 7 }));
		expect(new MapZoom('map-a').fitting).toBe(true);
	});
});
