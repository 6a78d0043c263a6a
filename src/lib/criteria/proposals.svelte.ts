// The proposal list as a stage screen uses it, whichever way it reaches the server: straight from
// the criteria Yjs document (members, over their sync connection), or through the HTTP fallback
// (guests, who have no sync connection).
import type * as Y from 'yjs';
import { isErrorCode, type ErrorCode } from '$lib/errors';
import { addCriterion, editCriterion, readCriteria, removeCriterion } from './doc';
import type { ProposalItem } from './voting';

/** A live list of proposed criteria that can be edited. */
export interface ProposalList {
	/** The proposals in list order. */
	readonly items: ProposalItem[];
	/** False until the first copy of the list has arrived. */
	readonly ready: boolean;
	/** The last refused change, as a stable error id. */
	readonly error: ErrorCode | null;
	add(text: string): void;
	edit(id: string, text: string): void;
	remove(id: string): void;
	/** Stops listening for changes. */
	destroy(): void;
}

/** Proposals read from and written to the criteria document itself; they sync like any edit. */
export class DocProposals implements ProposalList {
	#items = $state<ProposalItem[]>([]);
	#doc: Y.Doc;
	#refresh = () => (this.#items = readCriteria(this.#doc).map(({ id, text }) => ({ id, text })));

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.#refresh();
		doc.on('update', this.#refresh);
	}

	get items(): ProposalItem[] {
		return this.#items;
	}

	get ready(): boolean {
		return true;
	}

	get error(): ErrorCode | null {
		return null;
	}

	add(text: string): void {
		addCriterion(this.#doc, text);
	}

	edit(id: string, text: string): void {
		editCriterion(this.#doc, id, text);
	}

	remove(id: string): void {
		removeCriterion(this.#doc, id);
	}

	destroy(): void {
		this.#doc.off('update', this.#refresh);
	}
}

/** Proposals through `/s/<id>/voting/proposals`, refreshed on demand and while shown. */
export class HttpProposals implements ProposalList {
	#items = $state<ProposalItem[]>([]);
	#ready = $state(false);
	#error = $state<ErrorCode | null>(null);
	#url: string;
	#timer: ReturnType<typeof setInterval> | undefined;

	/** `pollMs`: how often to look for changes made by others over their sync connections. */
	constructor(sessionId: string, pollMs = 5000) {
		this.#url = `/s/${sessionId}/voting/proposals`;
		void this.refresh();
		if (pollMs > 0) this.#timer = setInterval(() => void this.refresh(), pollMs);
	}

	get items(): ProposalItem[] {
		return this.#items;
	}

	get ready(): boolean {
		return this.#ready;
	}

	get error(): ErrorCode | null {
		return this.#error;
	}

	/** Fetches the list now. */
	async refresh(): Promise<void> {
		await this.#call('GET');
	}

	add(text: string): void {
		void this.#call('POST', { action: 'add', text });
	}

	edit(id: string, text: string): void {
		if (!text.trim()) return this.remove(id);
		void this.#call('POST', { action: 'edit', id, text });
	}

	remove(id: string): void {
		void this.#call('POST', { action: 'remove', id });
	}

	destroy(): void {
		clearInterval(this.#timer);
	}

	async #call(method: 'GET' | 'POST', body?: unknown): Promise<void> {
		try {
			const response = await fetch(this.#url, {
				method,
				headers:
					body === undefined
						? { accept: 'application/json' }
						: { accept: 'application/json', 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			const data = (await response.json()) as { proposals?: ProposalItem[]; error?: unknown };
			if (response.ok && data.proposals) {
				this.#items = data.proposals;
				this.#ready = true;
				if (method === 'POST') this.#error = null;
				return;
			}
			this.#error = isErrorCode(data.error) ? data.error : 'invalid_input';
		} catch {
			if (method === 'POST') this.#error = 'invalid_input';
		}
	}
}
