import type { ErrorCode } from '$lib/errors';
import type { LiveSession } from '$lib/sessions/live.svelte';
import type { SessionTopic } from '$lib/sessions/types';
import { callApi, latestOnly, type ApiResult } from './api';

/**
 * What a stage pane shows from one session endpoint: fetched when the pane opens and again
 * whenever one of its topics changes on the live session; an answer overtaken by a newer fetch
 * is dropped. Changes made from the pane go through `act`, which keeps a refusal to show.
 */
export class StageView<T> {
	#view = $state<T | null>(null);
	#loadError = $state<ErrorCode | null>(null);
	#actionError = $state<{ code: ErrorCode; field: string } | null>(null);
	#busy = $state(false);
	#newest = latestOnly();
	#url: () => string;
	#onLoad: (view: T) => void;

	/** `onLoad` runs after each fetched view is taken, e.g. to keep a choice valid. */
	constructor(url: () => string, onLoad: (view: T) => void = () => {}) {
		this.#url = url;
		this.#onLoad = onLoad;
	}

	get view(): T | null {
		return this.#view;
	}

	get loadError(): ErrorCode | null {
		return this.#loadError;
	}

	/** The refusal of the last change, with the field it names (`form` when none). */
	get actionError(): { code: ErrorCode; field: string } | null {
		return this.#actionError;
	}

	/** Whether a change is on its way. */
	get busy(): boolean {
		return this.#busy;
	}

	/**
	 * Sends one change; on refusal its error is kept to show, on success `onAccepted` runs and the
	 * view is fetched again.
	 */
	async act(call: () => Promise<ApiResult<unknown>>, onAccepted: () => void = () => {}) {
		this.#busy = true;
		const result = await call();
		this.#busy = false;
		this.#actionError = result.ok ? null : { code: result.error, field: result.field };
		if (!result.ok) return;
		onAccepted();
		await this.refetch();
	}

	async refetch(): Promise<void> {
		const result = await this.#newest(() => callApi<T>(this.#url()));
		if (!result) return;
		if (!result.ok) {
			this.#loadError = result.error;
			return;
		}
		this.#loadError = null;
		this.#view = result.data;
		this.#onLoad(result.data);
	}

	/** Fetches now and on every change of `topics`; returns the unsubscribe, for an effect's cleanup. */
	follow(live: LiveSession, topics: SessionTopic[]): () => void {
		void this.refetch();
		const stops = topics.map((topic) => live.on(topic, () => void this.refetch()));
		return () => stops.forEach((stop) => stop());
	}
}
