// Which cells of a journey grid have their content drawn. A big map is thousands of elements, most
// of them out of view when it opens (BENCHMARKS.md), so every cell is in the grid from the start
// (the keyboard reaches it) but empty until drawn. A cell is drawn
// - when the grid is built, if it is on screen, before the grid is first painted;
// - when its stage and its lane come near the screen, a few cells at a time when the page is idle,
//   so that filling in the surroundings never holds the page up;
// - at once when it takes the keyboard focus;
// - all of them for printing and for the browser's find in page.
// A drawn cell stays drawn: scrolling back shows it as it was, and a field being edited stays.
import { tick } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import { SvelteSet } from 'svelte/reactivity';
import { cellKey } from '$lib/journeys/doc';

/** How far beyond the screen cells are filled in ahead of scrolling. */
const NEAR_PX = 200;
/** Cells drawn per idle moment: a few milliseconds of work each. */
const CELLS_PER_IDLE_TASK = 3;

type Rect = { left: number; right: number; top: number; bottom: number };

/** The part of the grid's scroll box that is inside the window, or null when none is. */
function visiblePart(grid: HTMLElement): Rect | null {
	const box = grid.parentElement?.getBoundingClientRect();
	if (!box) return null;
	const view = {
		left: Math.max(box.left, 0),
		right: Math.min(box.right, window.innerWidth),
		top: Math.max(box.top, 0),
		bottom: Math.min(box.bottom, window.innerHeight)
	};
	return view.left < view.right && view.top < view.bottom ? view : null;
}

export class DrawnCells {
	readonly #drawn = new SvelteSet<string>();
	#all = $state(false);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- only the observer's callback reads them
	readonly #nearStages = new Set<string>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- only the observer's callback reads them
	readonly #nearLanes = new Set<string>();
	readonly #queue: [laneId: string, stageId: string][] = [];
	#idle: (() => void) | null = null;
	readonly #observer: IntersectionObserver | null;

	constructor() {
		const near: IntersectionObserverInit & { scrollMargin?: string } = {
			rootMargin: `${NEAR_PX}px`,
			// Also past the edges of the grid's own scroll box, not only the window's.
			scrollMargin: `${NEAR_PX}px`
		};
		this.#observer =
			typeof IntersectionObserver === 'undefined'
				? null
				: new IntersectionObserver((entries) => this.#cameNear(entries), near);
	}

	/** The cell's content is drawn (everywhere, where the browser cannot tell what is in view). */
	has(laneId: string, stageId: string): boolean {
		return this.#all || !this.#observer || this.#drawn.has(cellKey(laneId, stageId));
	}

	draw(laneId: string, stageId: string): void {
		this.#drawn.add(cellKey(laneId, stageId));
	}

	drawAll(): void {
		this.#all = true;
	}

	/**
	 * Draws every cell when the page is printed or the browser's find in page opens (Ctrl+F, ⌘F,
	 * F3: the cells are drawn as the find bar opens, so the search reaches every card). Returns
	 * the function that stops listening.
	 */
	drawAllWhenAsked(): () => void {
		const all = () => this.drawAll();
		const find = (event: KeyboardEvent) => {
			// By position as well as by letter: with a Cyrillic layout the letter is not an F.
			const f = event.code === 'KeyF' || event.key?.toLowerCase() === 'f';
			if ((f && (event.ctrlKey || event.metaKey)) || event.key === 'F3') all();
		};
		window.addEventListener('beforeprint', all);
		window.addEventListener('keydown', find);
		return () => {
			window.removeEventListener('beforeprint', all);
			window.removeEventListener('keydown', find);
		};
	}

	/** On each stage header (`data-stage`) and lane header (`data-lane`): tells when it comes near the screen. */
	readonly watch: Attachment<HTMLElement> = (header) => {
		this.#observer?.observe(header);
		return () => this.#observer?.unobserve(header);
	};

	/**
	 * Draws the cells on screen, lane by lane from the top: a lane's place is measured once the
	 * lanes above it are drawn, so lanes pushed below the screen by the cards above wait.
	 */
	async drawOnScreen(grid: HTMLElement): Promise<void> {
		const view = visiblePart(grid);
		if (!view) return;
		const stageIds: string[] = [];
		for (const header of grid.querySelectorAll<HTMLElement>('[data-stage]')) {
			const box = header.getBoundingClientRect();
			if (header.dataset.stage && box.right > view.left && box.left < view.right)
				stageIds.push(header.dataset.stage);
		}
		for (const header of grid.querySelectorAll<HTMLElement>('[data-lane]')) {
			const box = header.getBoundingClientRect();
			if (box.top >= view.bottom) break;
			const laneId = header.dataset.lane;
			if (!laneId || box.bottom <= view.top) continue;
			for (const stageId of stageIds) this.draw(laneId, stageId);
			await tick();
		}
	}

	destroy(): void {
		this.#observer?.disconnect();
		this.#queue.length = 0;
		this.#idle?.();
	}

	#cameNear(entries: IntersectionObserverEntry[]): void {
		for (const entry of entries) {
			if (!entry.isIntersecting || !(entry.target instanceof HTMLElement)) continue;
			const { stage, lane } = entry.target.dataset;
			if (stage) {
				this.#nearStages.add(stage);
				for (const laneId of this.#nearLanes) this.#queue.push([laneId, stage]);
			}
			if (lane) {
				this.#nearLanes.add(lane);
				for (const stageId of this.#nearStages) this.#queue.push([lane, stageId]);
			}
			this.#observer?.unobserve(entry.target);
		}
		this.#drawWhenIdle();
	}

	#drawWhenIdle(): void {
		if (this.#idle || this.#queue.length === 0) return;
		const run = () => {
			this.#idle = null;
			let drawn = 0;
			while (drawn < CELLS_PER_IDLE_TASK && this.#queue.length) {
				const [laneId, stageId] = this.#queue.shift() ?? [];
				if (!laneId || !stageId || this.#drawn.has(cellKey(laneId, stageId))) continue;
				this.draw(laneId, stageId);
				drawn++;
			}
			this.#drawWhenIdle();
		};
		if (typeof requestIdleCallback === 'function') {
			const handle = requestIdleCallback(run, { timeout: 500 });
			this.#idle = () => cancelIdleCallback(handle);
		} else {
			const handle = setTimeout(run, 16);
			this.#idle = () => clearTimeout(handle);
		}
	}
}
