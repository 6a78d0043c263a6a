// Folds document logs into snapshots in the background, one document at a time, so compaction
// never competes with itself for the database or the event loop.
import type { SyncLogger } from './config';
import type { CompactionResult } from './storage';

/** Runs requested compactions one after another. */
export class CompactionScheduler {
	#requested = new Set<string>();
	#running: Promise<void> | undefined;
	#stopped = false;
	#compacted = 0;
	readonly #compact: (roomName: string) => Promise<CompactionResult | null>;
	readonly #onCompacted: (roomName: string, result: CompactionResult) => void;
	readonly #log: SyncLogger;

	constructor(
		compact: (roomName: string) => Promise<CompactionResult | null>,
		onCompacted: (roomName: string, result: CompactionResult) => void,
		log: SyncLogger
	) {
		this.#compact = compact;
		this.#onCompacted = onCompacted;
		this.#log = log;
	}

	/** Compactions completed so far. */
	get compacted(): number {
		return this.#compacted;
	}

	/** Asks for `roomName` to be compacted soon; a repeated request before it runs is one compaction. */
	request(roomName: string): void {
		if (this.#stopped) return;
		this.#requested.add(roomName);
		this.#running ??= this.#run().finally(() => {
			this.#running = undefined;
		});
	}

	async #run(): Promise<void> {
		// Let the turn that asked finish its work (broadcasts) before compacting.
		await new Promise((resolve) => setImmediate(resolve));
		for (const roomName of this.#requested) {
			this.#requested.delete(roomName);
			if (this.#stopped) return;
			try {
				const result = await this.#compact(roomName);
				if (result) {
					this.#compacted++;
					this.#onCompacted(roomName, result);
				}
			} catch (error) {
				// The log stays as it was; the next growth or unload asks again.
				this.#log.warn(`compacting ${roomName} failed`, error);
			}
		}
	}

	/** Drops what is queued and waits for a running compaction to finish. */
	async stop(): Promise<void> {
		this.#stopped = true;
		this.#requested.clear();
		await this.#running;
	}

	/** Resolves when no compaction is running or queued. */
	async whenIdle(): Promise<void> {
		while (this.#running) await this.#running;
	}
}
