// Moving around the journey grid with the keyboard: one cell is in the tab order (a roving
// tabindex); the arrow keys, Home and End move it; Enter or F2 go into the cell's first control
// and Escape comes back out of it.
import { tick } from 'svelte';

export class GridNavigation {
	/** The cell in the tab order. */
	active = $state({ row: 1, col: 1 });
	readonly #cellId: (row: number, col: number) => string;
	readonly #size: () => { rows: number; cols: number };
	readonly #onLeaveCell: () => void;

	/**
	 * `cellId` names a cell's element, `size` counts the rows and columns (headers included), and
	 * `onLeaveCell` runs when Escape brings the focus back from inside a cell.
	 */
	constructor(
		cellId: (row: number, col: number) => string,
		size: () => { rows: number; cols: number },
		onLeaveCell: () => void
	) {
		this.#cellId = cellId;
		this.#size = size;
		this.#onLeaveCell = onLeaveCell;
	}

	tabIndex(row: number, col: number): 0 | -1 {
		return this.active.row === row && this.active.col === col ? 0 : -1;
	}

	async focusCell(row: number, col: number) {
		const { rows, cols } = this.#size();
		this.active = {
			row: Math.max(0, Math.min(rows - 1, row)),
			col: Math.max(0, Math.min(cols - 1, col))
		};
		await tick();
		document.getElementById(this.#cellId(this.active.row, this.active.col))?.focus();
	}

	keydown(event: KeyboardEvent, row: number, col: number) {
		const cell = event.currentTarget;
		if (!(cell instanceof HTMLElement)) return;
		if (event.target !== cell) {
			if (event.key === 'Escape') {
				event.preventDefault();
				this.#onLeaveCell();
				cell.focus();
			}
			return;
		}
		const moves: Record<string, [number, number]> = {
			ArrowUp: [row - 1, col],
			ArrowDown: [row + 1, col],
			ArrowLeft: [row, col - 1],
			ArrowRight: [row, col + 1],
			Home: [row, event.ctrlKey ? 0 : 1],
			End: [row, this.#size().cols - 1]
		};
		const move = moves[event.key];
		if (move) {
			event.preventDefault();
			void this.focusCell(move[0], move[1]);
			return;
		}
		if (event.key === 'Enter' || event.key === 'F2') {
			event.preventDefault();
			cell.querySelector<HTMLElement>('textarea, input, select, button')?.focus();
		}
	}
}
