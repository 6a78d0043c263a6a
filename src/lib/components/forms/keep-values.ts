import type { SubmitFunction } from '@sveltejs/kit';

/** A form's `use:enhance` callback that keeps what was typed when the action answers. */
export const keepValues: SubmitFunction =
	() =>
	async ({ update }) =>
		update({ reset: false });

/** `keepValues` that also tells `onBusy` while the form is on its way (to disable its buttons). */
export function keepValuesWhile(onBusy: (busy: boolean) => void): SubmitFunction {
	return () => {
		onBusy(true);
		return async ({ update }) => {
			onBusy(false);
			await update({ reset: false });
		};
	};
}
