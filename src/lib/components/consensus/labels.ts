import { m } from '$lib/paraglide/messages';
import type { ConsensusAnswer, RoundStatus } from '$lib/consensus/model';

/** An answer in the current language. */
export const answerLabel = (answer: ConsensusAnswer): string =>
	({
		accept: m.consensus_answer_accept,
		concern: m.consensus_answer_concern,
		object: m.consensus_answer_object
	})[answer]();

/** What choosing an answer means, in the current language. */
export const answerHint = (answer: ConsensusAnswer): string =>
	({
		accept: m.consensus_answer_accept_hint,
		concern: m.consensus_answer_concern_hint,
		object: m.consensus_answer_object_hint
	})[answer]();

/** A round's state in the current language. */
export const statusLabel = (status: RoundStatus): string =>
	({
		open: m.consensus_status_open,
		agreed: m.consensus_status_agreed,
		objected: m.consensus_status_objected,
		cancelled: m.consensus_status_cancelled
	})[status]();
