// The rules of a consensus round, as pure functions the service applies under a lock.
//
// When a round closes:
// - it is `objected` the moment anyone objects; the draft then goes back to stage 4;
// - it is `agreed` the moment every expected participant (everyone in the session but its
//   facilitators) has answered and nobody objected; a facilitator's own answer counts in the
//   tally but is never waited for; at least one answer is needed;
// - until then it is `open`, and anyone may still change their answer;
// - the facilitator may close an open round with the answers given (people who are not there need
//   not hold it up) when it shows agreement: nobody objected and at least a majority of those
//   expected answered (`answersNeeded`); otherwise closing is refused with the reason;
// - the facilitator may cancel an open round, or open a new one (which cancels the open one).
// Publishing is possible only from the latest round that was not cancelled, when it is `agreed`,
// and only once per round; it publishes that round's version, whatever was saved after it.
import type { ConsensusAnswer, RoundStatus, Tally } from '$lib/consensus/model';

/** An answer as the rules need it. */
export type CountedAnswer = { participantId: string; answer: ConsensusAnswer };

/** How many gave each answer. */
export function tallyAnswers(answers: readonly { answer: ConsensusAnswer }[]): Tally {
	const tally: Tally = { accept: 0, concern: 0, object: 0 };
	for (const { answer } of answers) tally[answer] += 1;
	return tally;
}

/** A concern or an objection must say why. */
export function commentRequired(answer: ConsensusAnswer): boolean {
	return answer !== 'accept';
}

/**
 * What an open round becomes after an answer: `objected` on any objection, `agreed` once every
 * expected participant answered without objection, else still `open`.
 */
export function roundOutcome(
	answers: readonly CountedAnswer[],
	expectedParticipantIds: readonly string[]
): RoundStatus {
	if (answers.some((a) => a.answer === 'object')) return 'objected';
	if (answers.length === 0) return 'open';
	const answered = new Set(answers.map((a) => a.participantId));
	return expectedParticipantIds.every((id) => answered.has(id)) ? 'agreed' : 'open';
}

/** Why a round cannot be published, or null when it can. */
export type PublishBlock = 'no_round' | 'round_open' | 'objected' | 'already_published';

/** Whether the latest round that was not cancelled may be published now. */
export function publishBlock(
	round: { status: RoundStatus; tally: Tally } | null,
	alreadyPublished: boolean
): PublishBlock | null {
	if (!round || round.status === 'cancelled') return 'no_round';
	if (round.status === 'objected' || round.tally.object > 0) return 'objected';
	if (round.status === 'open') return 'round_open';
	if (alreadyPublished) return 'already_published';
	return null;
}

/**
 * Answers from expected participants that agreement needs when the facilitator closes a round
 * early: a majority of those expected (more than half), and at least one answer in any case.
 */
export function answersNeeded(expectedCount: number): number {
	return Math.floor(expectedCount / 2) + 1;
}

/** Why the facilitator may not close an open round with the answers given, or null when they may. */
export type CloseBlock = 'objected' | 'too_few_answers';

/**
 * Whether the answers given show agreement: no objection among those who answered, and
 * `answersNeeded` answers from the people expected (with nobody expected, any one answer).
 */
export function closeBlock(
	answers: readonly CountedAnswer[],
	expectedParticipantIds: readonly string[]
): CloseBlock | null {
	if (answers.some((a) => a.answer === 'object')) return 'objected';
	const expected = new Set(expectedParticipantIds);
	const counted = expected.size
		? answers.filter((a) => expected.has(a.participantId)).length
		: answers.length;
	return counted >= answersNeeded(expected.size) ? null : 'too_few_answers';
}
