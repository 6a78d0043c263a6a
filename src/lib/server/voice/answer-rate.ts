// Slows down a bot posting answers without a CAPTCHA service: each client address (hashed, IPv6 by
// its /64) gets a bucket per questionnaire. It is generous because a clinic's guest Wi-Fi puts many
// honest customers behind one address. Per process: with several instances a bot gets one bucket
// on each, which still bounds it.
import { MessageRateLimit } from '../sync/rate-limit';

/** Answers one address may give one questionnaire at once, and how many more per minute. */
export const ANSWER_BURST = 20;
export const ANSWERS_PER_MINUTE = 6;
/** Buckets kept before the oldest are forgotten (a forgotten bucket starts full). */
const MAX_BUCKETS = 50_000;

export class AnswerRateLimit {
	readonly #buckets = new Map<string, MessageRateLimit>();

	/** Takes one answer for the address and questionnaire; false when it must wait. */
	take(addressHash: string, questionnaireId: string, now = performance.now()): boolean {
		const key = `${questionnaireId}:${addressHash}`;
		let bucket = this.#buckets.get(key);
		if (!bucket) {
			if (this.#buckets.size >= MAX_BUCKETS) {
				const oldest = this.#buckets.keys().next().value;
				if (oldest !== undefined) this.#buckets.delete(oldest);
			}
			bucket = new MessageRateLimit(ANSWERS_PER_MINUTE / 60, ANSWER_BURST, now);
			this.#buckets.set(key, bucket);
		}
		return bucket.take(now);
	}
}

/** The process's limiter for the public answer page. */
export const answerRate = new AnswerRateLimit();
