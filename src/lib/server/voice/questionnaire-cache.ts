// The public answer page reads its questionnaire (subject, criteria, open or closed) on every
// request: under a steady stream of answers the same few rows, again and again. This process keeps
// each one found for a moment. Closing or opening a questionnaire here forgets them all; another
// instance may show a closed one as open for up to `TTL_MS`, but an answer to it is still refused,
// since the answer's insert itself checks that the questionnaire is open (answers.ts).
import type { PublicQuestionnaire } from './questionnaires';

type Load = (token: string) => Promise<PublicQuestionnaire | null>;

/** How long a questionnaire read is kept. */
export const TTL_MS = 2_000;
/** Questionnaires kept at once (the oldest go first): bounded against requests with many tokens. */
const MAX_KEPT = 1_000;

export class QuestionnaireCache {
	readonly #kept = new Map<string, { questionnaire: PublicQuestionnaire; until: number }>();

	/** The questionnaire of a token, loaded (from the database) when not kept or expired. */
	async read(token: string, load: Load, now = Date.now()): Promise<PublicQuestionnaire | null> {
		const kept = this.#kept.get(token);
		if (kept && kept.until > now) return kept.questionnaire;
		this.#kept.delete(token);
		const questionnaire = await load(token);
		// Unknown tokens are not kept: they would let anyone fill the cache.
		if (!questionnaire) return null;
		if (this.#kept.size >= MAX_KEPT) {
			const oldest = this.#kept.keys().next().value;
			if (oldest !== undefined) this.#kept.delete(oldest);
		}
		this.#kept.set(token, { questionnaire, until: now + TTL_MS });
		return questionnaire;
	}

	/** Forgets every kept questionnaire (one was opened or closed). */
	forget(): void {
		this.#kept.clear();
	}
}

/** The process's cache, for the public answer page; opening and closing forget it. */
export const questionnaireCache = new QuestionnaireCache();
