// Accepted updates wait here until they are in the database; only then are they broadcast.
// Pipelined group commit: up to `maxInFlight` store statements run at once, each holding the
// waiting updates of many documents (a keystroke storm becomes a few inserts). A document is in
// at most one batch in flight; its later updates wait for the next batch, so its rows get ids,
// and its updates are relayed, in arrival order. A failed batch retries with back-off and holds
// only its own documents: the others go on in other batches.
import type { UpdateRow } from './storage';
import type { SyncLogger } from './config';

/** Whoever accepted an update; told once its updates up to `seq` are stored. */
export type StoreTarget = {
	/** Document the update belongs to. */
	readonly roomName: string;
	/** Updates of this target up to and including `seq` are stored (`rows` of them, `bytes` long). */
	onStored(seq: number, rows: number, bytes: number): void;
};

type PendingUpdate = { seq: number; update: Uint8Array; enqueuedAt: number };

/** One document's part of a batch, oldest first. */
type BatchPart = { target: StoreTarget; updates: PendingUpdate[] };

type Batch = {
	parts: BatchPart[];
	rows: number;
	failures: number;
	retry: ReturnType<typeof setTimeout> | undefined;
};

/** Batch sizes, concurrency and retry timing of the queue. */
export type StoreQueueOptions = {
	/** Rows per statement. */
	maxBatchRows: number;
	/** Bytes per statement. */
	maxBatchBytes: number;
	/** Store statements running at once. */
	maxInFlight: number;
	/** First retry delay. */
	retryMinMs: number;
	/** Longest retry delay. */
	retryMaxMs: number;
	/** Where failures are reported. */
	log: SyncLogger;
};

/** The queue of accepted, not yet stored updates of all documents. */
export class UpdateStoreQueue {
	/** Updates not yet in a batch, by document, documents in the order they began waiting. */
	#waiting = new Map<StoreTarget, PendingUpdate[]>();
	/** Documents with a batch in flight. */
	#busy = new Set<StoreTarget>();
	#inFlight = new Set<Batch>();
	#pendingUpdates = 0;
	#pendingBytes = 0;
	#seq = 0;
	#scheduled = false;
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
		let oldest = Infinity;
		for (const updates of this.#waiting.values()) oldest = Math.min(oldest, updates[0].enqueuedAt);
		for (const batch of this.#inFlight)
			for (const part of batch.parts) oldest = Math.min(oldest, part.updates[0].enqueuedAt);
		return {
			pendingUpdates: this.#pendingUpdates,
			pendingBytes: this.#pendingBytes,
			oldestPendingMs: oldest === Infinity ? 0 : performance.now() - oldest,
			maxUnsavedMs: this.#maxUnsavedMs,
			storedRows: this.#storedRows,
			statements: this.#statements,
			batchesInFlight: this.#inFlight.size,
			failures: this.#failures
		};
	}

	/** Queues an update of `target` for storing; returns its sequence number. */
	enqueue(target: StoreTarget, update: Uint8Array): number {
		const seq = ++this.#seq;
		const pending = { seq, update, enqueuedAt: performance.now() };
		const waiting = this.#waiting.get(target);
		if (waiting) waiting.push(pending);
		else this.#waiting.set(target, [pending]);
		this.#pendingUpdates++;
		this.#pendingBytes += update.length;
		this.#schedule();
		return seq;
	}

	/** Resolves once nothing is pending, in a batch in flight or waiting (immediately when nothing is). */
	whenIdle(): Promise<void> {
		if (this.#pendingUpdates === 0) return Promise.resolve();
		return new Promise((resolve) => this.#idleWaiters.push(resolve));
	}

	#schedule(): void {
		if (this.#scheduled || this.#stopped || this.#inFlight.size >= this.#options.maxInFlight)
			return;
		this.#scheduled = true;
		// setImmediate runs after this turn's I/O callbacks: everything that arrived with them joins the batch.
		setImmediate(() => {
			this.#scheduled = false;
			this.#startBatches();
		});
	}

	#startBatches(): void {
		while (!this.#stopped && this.#inFlight.size < this.#options.maxInFlight) {
			const batch = this.#takeBatch();
			if (!batch) return;
			this.#inFlight.add(batch);
			void this.#run(batch);
		}
	}

	/** The next batch: waiting updates of documents with none in flight, within the size bounds. */
	#takeBatch(): Batch | null {
		const { maxBatchRows, maxBatchBytes } = this.#options;
		const parts: BatchPart[] = [];
		let rows = 0;
		let bytes = 0;
		for (const [target, waiting] of this.#waiting) {
			if (this.#busy.has(target)) continue;
			let count = 0;
			while (
				count < waiting.length &&
				(rows === 0 ||
					(rows < maxBatchRows && bytes + waiting[count].update.length <= maxBatchBytes))
			) {
				bytes += waiting[count].update.length;
				rows++;
				count++;
			}
			if (count === 0) break;
			this.#busy.add(target);
			if (count === waiting.length) {
				this.#waiting.delete(target);
				parts.push({ target, updates: waiting });
			} else {
				parts.push({ target, updates: waiting.splice(0, count) });
				break;
			}
		}
		return parts.length === 0 ? null : { parts, rows, failures: 0, retry: undefined };
	}

	async #run(batch: Batch): Promise<void> {
		const rows: UpdateRow[] = [];
		for (const { target, updates } of batch.parts)
			for (const { update } of updates) rows.push({ docName: target.roomName, update });
		try {
			await this.#store(rows);
		} catch (error) {
			batch.failures++;
			this.#failures++;
			if (this.#stopped) return;
			const delay = Math.min(
				this.#options.retryMaxMs,
				this.#options.retryMinMs * 2 ** Math.min(batch.failures - 1, 16)
			);
			this.#options.log.warn(
				`storing ${rows.length} updates of ${batch.parts.length} documents failed (attempt ${batch.failures}); retrying in ${delay} ms`,
				error
			);
			batch.retry = setTimeout(() => {
				batch.retry = undefined;
				void this.#run(batch);
			}, delay);
			return;
		}
		this.#inFlight.delete(batch);
		this.#failures = 0;
		this.#statements++;
		this.#storedRows += batch.rows;
		this.#pendingUpdates -= batch.rows;
		for (const { target } of batch.parts) this.#busy.delete(target);
		this.#release(batch);
		if (this.#waiting.size > 0) this.#schedule();
		if (this.#pendingUpdates === 0) this.#notifyIdle();
	}

	#release(batch: Batch): void {
		const now = performance.now();
		for (const { target, updates } of batch.parts) {
			let bytes = 0;
			for (const { update, enqueuedAt } of updates) {
				bytes += update.length;
				this.#maxUnsavedMs = Math.max(this.#maxUnsavedMs, now - enqueuedAt);
			}
			this.#pendingBytes -= bytes;
			try {
				target.onStored(updates[updates.length - 1].seq, updates.length, bytes);
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

	/** Stops storing (shutdown); whatever is still pending stays unstored and is reported. */
	stop(): void {
		this.#stopped = true;
		for (const batch of this.#inFlight) clearTimeout(batch.retry);
		if (this.#pendingUpdates > 0) {
			this.#options.log.error(
				`shutting down with ${this.#pendingUpdates} updates not stored (never broadcast)`
			);
		}
	}
}
