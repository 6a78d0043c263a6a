/** A token bucket: `ratePerSecond` sustained, `burst` at once. */
export class MessageRateLimit {
	#tokens: number;
	#updatedAt: number;
	readonly #rate: number;
	readonly #burst: number;

	constructor(ratePerSecond: number, burst: number, now = performance.now()) {
		this.#rate = ratePerSecond / 1000;
		this.#burst = Math.max(1, burst);
		this.#tokens = this.#burst;
		this.#updatedAt = now;
	}

	/** Takes one token; false when the bucket is empty (the sender is over its rate). */
	take(now = performance.now()): boolean {
		this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#updatedAt) * this.#rate);
		this.#updatedAt = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}

	/** Gives back a token taken for a message that turned out to be charged elsewhere. */
	refund(): void {
		this.#tokens = Math.min(this.#burst, this.#tokens + 1);
	}
}
