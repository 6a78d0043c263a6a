// Accepted updates wait here until they are in the database; only then are they broadcast.
// One store statement is in flight at a time, holding everything that arrived since the last one
// (group commit): a keystroke storm becomes a few inserts, and rows get ids in arrival order.
// A failed store keeps its updates at the head of the queue and retries with back-off.
import type { UpdateRow } from './storage';
import type { SyncLogger } from './config';

/** Whoever accepted an update; told once its updates up to `seq` are stored. */
export type StoreTarget = {
	/** Document the update belongs to. */
	readonly roomName: string;
	/** Updates of this target up to and including `seq` are stored (`rows` of them, `bytes` long). */
	onStored(seq: number, rows: number, bytes: number): void;
};

type PendingUpdate = { seq: number; target: StoreTarget; update: Uint8Array; enqueuedAt: number };

/** Batch sizes and retry timing of the queue. */
export type StoreQueueOptions = {
	/** Rows per statement. */
	maxBatchRows: number;
	/** Bytes per statement. */
	maxBatchBytes: number;
	/** First retry delay. */
	retryMinMs: number;
	/** Longest retry delay. */
	retryMaxMs: number;
	/** Where failures are reported. */
	log: SyncLogger;
};

/** The queue of accepted, not yet stored updates of all documents. */
export class UpdateStoreQueue {
	#queue: PendingUpdate[] = [];
	#pendingBytes = 0;
	#seq = 0;
	#flushing = false;
	#scheduled = false;
	#retryTimer: ReturnType<typeof setTimeout> | undefined;
	#failures = 0;
	#maxUnsavedMs = 0;
	#storedRows = 0;
	#statements = 0;
	#idleWaiters: (() => void)[] = [];
	#stopped = false;
	readonly #store: (rows: UpdateRow[]) => Promise<void>;
	readonly #options: StoreQueueOptions;

	constructor(store: (rows: UpdateRow[]) => Promise<void>, options: StoreQueueOptions) {
		this.#store = store;
		this.#options = options;
	}

	/** Bytes accepted and not yet stored. */
	get pendingBytes(): number {
		return this.#pendingBytes;
	}

	/** What the queue has done so far, for monitoring and benchmarks. */
	stats() {
		const oldest = this.#queue[0];
		return {
			pendingUpdates: this.#queue.length,
			pendingBytes: this.#pendingBytes,
			oldestPendingMs: oldest ? performance.now() - oldest.enqueuedAt : 0,
			maxUnsavedMs: this.#maxUnsavedMs,
			storedRows: this.#storedRows,
			statements: this.#statements,
			failures: this.#failures
		};
	}

	/** Queues an update of `target` for storing; returns its sequence number. */
	enqueue(target: StoreTarget, update: Uint8Array): number {
		const seq = ++this.#seq;
		this.#queue.push({ seq, target, update, enqueuedAt: performance.now() });
		this.#pendingBytes += update.length;
		this.#schedule();
		return seq;
	}

	/** Resolves once nothing is pending (immediately when nothing is). */
	whenIdle(): Promise<void> {
		if (this.#queue.length === 0) return Promise.resolve();
		return new Promise((resolve) => this.#idleWaiters.push(resolve));
	}

	#schedule(): void {
		if (this.#scheduled || this.#flushing || this.#retryTimer) return;
		this.#scheduled = true;
		// setImmediate runs after this turn's I/O callbacks: everything that arrived with them joins the batch.
		setImmediate(() => {
			this.#scheduled = false;
			void this.#flush();
		});
	}

	#takeBatch(): PendingUpdate[] {
		let bytes = 0;
		let count = 0;
		for (const pending of this.#queue) {
			if (
				count > 0 &&
				(count >= this.#options.maxBatchRows ||
					bytes + pending.update.length > this.#options.maxBatchBytes)
			)
				break;
			bytes += pending.update.length;
			count++;
		}
		return this.#queue.slice(0, count);
	}

	async #flush(): Promise<void> {
		if (this.#flushing) return;
		if (this.#queue.length === 0) return this.#notifyIdle();
		this.#flushing = true;
		const batch = this.#takeBatch();
		try {
			await this.#store(batch.map(({ target, update }) => ({ docName: target.roomName, update })));
		} catch (error) {
			this.#flushing = false;
			this.#failures++;
			if (this.#stopped) return;
			const delay = Math.min(
				this.#options.retryMaxMs,
				this.#options.retryMinMs * 2 ** Math.min(this.#failures - 1, 16)
			);
			this.#options.log.warn(
				`storing ${batch.length} updates failed (attempt ${this.#failures}); retrying in ${delay} ms`,
				error
			);
			this.#retryTimer = setTimeout(() => {
				this.#retryTimer = undefined;
				void this.#flush();
			}, delay);
			return;
		}
		// The batch is the head of the queue: nothing else removes entries.
		this.#queue.splice(0, batch.length);
		this.#failures = 0;
		this.#statements++;
		this.#storedRows += batch.length;
		this.#flushing = false;
		this.#release(batch);
		if (this.#queue.length > 0) this.#schedule();
		else this.#notifyIdle();
	}

	#release(batch: PendingUpdate[]): void {
		const now = performance.now();
		const byTarget = new Map<StoreTarget, { seq: number; rows: number; bytes: number }>();
		for (const { seq, target, update, enqueuedAt } of batch) {
			this.#pendingBytes -= update.length;
			this.#maxUnsavedMs = Math.max(this.#maxUnsavedMs, now - enqueuedAt);
			const stored = byTarget.get(target) ?? { seq, rows: 0, bytes: 0 };
			stored.seq = seq;
			stored.rows++;
			stored.bytes += update.length;
			byTarget.set(target, stored);
		}
		for (const [target, { seq, rows, bytes }] of byTarget) {
			try {
				target.onStored(seq, rows, bytes);
			} catch (error) {
				this.#options.log.error(`releasing stored updates of ${target.roomName} failed`, error);
			}
		}
	}

	#notifyIdle(): void {
		const waiters = this.#idleWaiters;
		this.#idleWaiters = [];
		for (const resolve of waiters) resolve();
	}

	/** Stops retrying (shutdown); whatever is still pending stays unstored and is reported. */
	stop(): void {
		this.#stopped = true;
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		this.#retryTimer = undefined;
		if (this.#queue.length > 0) {
			this.#options.log.error(
				`shutting down with ${this.#queue.length} updates not stored (never broadcast)`
			);
		}
	}
}
