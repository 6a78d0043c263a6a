import { deserialize } from '$app/forms';
import type { ErrorCode } from '$lib/errors';
import { isErrorCode } from '$lib/errors';
import type { SessionCore, SessionTopic } from './types';

type Listener = () => void;

/**
 * The live state of one session on a screen: the shared core (stage, timer, lock, presence)
 * kept fresh from the server's event stream, and a way for each stage pane to hear when its
 * own part changed so it refetches what this viewer may see.
 */
export class LiveSession {
	#core = $state<SessionCore>();
	#connected = $state(false);
	#error = $state<{ code: ErrorCode; params?: Record<string, number> } | null>(null);
	#busy = $state(false);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, not state
	#listeners = new Map<SessionTopic, Set<Listener>>();
	#clockOffsetMs = 0;
	/** Counts refreshes, so a state overtaken by a newer one (answers may come back out of order) is dropped. */
	#refreshes = 0;

	constructor(initial: SessionCore) {
		this.#core = initial;
		this.#clockOffsetMs = Date.parse(initial.serverTime) - Date.now();
	}

	get core(): SessionCore {
		if (!this.#core) throw new Error('LiveSession without state');
		return this.#core;
	}

	/** True while the event stream is open. */
	get connected(): boolean {
		return this.#connected;
	}

	/** The last refused action, to show until dismissed or the next action. */
	get error() {
		return this.#error;
	}

	/** True while an action is on its way. */
	get busy(): boolean {
		return this.#busy;
	}

	dismissError(): void {
		this.#error = null;
	}

	/**
	 * Runs one of the session page's form actions (`?/stage`, `?/timer`, …) without reloading the
	 * page; a refusal is kept in `error` with its stable id. Returns whether it succeeded.
	 */
	async act(
		action: string,
		fields: Record<string, string | number | boolean> = {}
	): Promise<boolean> {
		const body = new FormData();
		for (const [key, value] of Object.entries(fields)) body.set(key, String(value));
		this.#busy = true;
		try {
			const response = await fetch(`/s/${this.core.id}?/${action}`, {
				method: 'POST',
				body,
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
			});
			const result = deserialize(await response.text());
			if (result.type === 'success' || result.type === 'redirect') {
				this.#error = null;
				await this.refresh();
				return true;
			}
			this.#error =
				result.type === 'failure'
					? { code: failureCode(result.data) }
					: { code: errorMessageCode(result.error) };
			return false;
		} catch {
			this.#error = { code: 'invalid_input' };
			return false;
		} finally {
			this.#busy = false;
		}
	}

	/** The server's clock now, for the countdown. */
	serverNow(): number {
		return Date.now() + this.#clockOffsetMs;
	}

	/** Calls `listener` whenever `topic` changes; returns the unsubscribe. */
	on(topic: SessionTopic, listener: Listener): () => void {
		let set = this.#listeners.get(topic);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, not state
		if (!set) this.#listeners.set(topic, (set = new Set()));
		set.add(listener);
		return () => set.delete(listener);
	}

	/** Replaces the core with a fresh copy from the server. */
	async refresh(): Promise<void> {
		const ticket = ++this.#refreshes;
		const response = await fetch(`/s/${this.core.id}/state`, {
			headers: { accept: 'application/json' }
		});
		if (!response.ok) return;
		const core = (await response.json()) as SessionCore;
		if (ticket !== this.#refreshes) return;
		this.#clockOffsetMs = Date.parse(core.serverTime) - Date.now();
		this.#core = core;
	}

	/** Opens the event stream (the browser reconnects it by itself); returns the close. */
	connect(): () => void {
		const source = new EventSource(`/s/${this.core.id}/events`);
		source.onopen = () => {
			this.#connected = true;
			void this.refresh();
			for (const set of this.#listeners.values()) for (const listener of set) listener();
		};
		source.onerror = () => (this.#connected = false);
		source.addEventListener('change', (event) => {
			const { topic } = JSON.parse(event.data as string) as { topic: SessionTopic };
			if (topic === 'session' || topic === 'presence') void this.refresh();
			for (const listener of this.#listeners.get(topic) ?? []) listener();
		});
		return () => source.close();
	}
}

/** The first error id in a failed action's data (`{ errors: { field: [code] } }`). */
function failureCode(data: unknown): ErrorCode {
	if (typeof data !== 'object' || data === null || !('errors' in data)) return 'invalid_input';
	const errors = data.errors;
	if (typeof errors !== 'object' || errors === null) return 'invalid_input';
	for (const codes of Object.values(errors)) {
		if (Array.isArray(codes) && isErrorCode(codes[0])) return codes[0];
	}
	return 'invalid_input';
}

/** The error id an error page's `{ message }` carries. */
function errorMessageCode(error: unknown): ErrorCode {
	const message =
		typeof error === 'object' && error !== null && 'message' in error ? error.message : null;
	return isErrorCode(message) ? message : 'invalid_input';
}
