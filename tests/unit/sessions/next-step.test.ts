import { describe, expect, it } from 'vitest';
import { nextStep } from '$lib/sessions/next-step';
import { defaultStages, type StageKey } from '$lib/sessions/stages';
import type { ParticipantStatus, SessionCore } from '$lib/sessions/types';

const person = (id: string, extra: Partial<ParticipantStatus> = {}): ParticipantStatus => ({
	id,
	name: id,
	online: true,
	done: false,
	isFacilitator: false,
	isGuest: false,
	excused: false,
	reclaimRequested: false,
	...extra
});

function core(
	stage: StageKey,
	participants: ParticipantStatus[],
	options: { revealed?: boolean } = {}
): SessionCore {
	const me = participants.find((p) => p.id === 'me') ?? person('me');
	return {
		id: 's',
		workspaceId: 'w',
		title: 'Customer focus',
		goal: '',
		scheduledOn: null,
		stages: defaultStages().map((s) => (s.key === 'criteria' ? { ...s, skipped: true } : s)),
		currentStage: stage,
		anonymity: 'partial',
		locked: false,
		revealed: options.revealed ?? false,
		timer: { endsAt: null, remainingMs: null, running: false },
		guestCode: null,
		revision: 0,
		serverTime: new Date(0).toISOString(),
		participants,
		me: { participantId: 'me', name: 'me', isFacilitator: false, isGuest: false, done: me.done }
	};
}

describe('the next step a participant is shown', () => {
	it('on stage 1 asks to submit, then waits for the expected others only (not the facilitator or the excused)', () => {
		const others = [
			person('fay', { isFacilitator: true }),
			person('ann', { done: true }),
			person('bob'),
			person('eve', { excused: true })
		];
		expect(nextStep(core('definitions', [person('me'), ...others]))).toEqual({ kind: 'write' });
		expect(nextStep(core('definitions', [person('me', { done: true }), ...others]))).toEqual({
			kind: 'submitted',
			waiting: 1,
			total: 3
		});
		expect(
			nextStep(core('definitions', [person('me', { done: true }), ...others], { revealed: true }))
		).toMatchObject({
			kind: 'revealed',
			next: { key: 'themes' }
		});
	});

	it('on later stages names the next stage that is not skipped, and none on the last', () => {
		const me = person('me', { done: true });
		expect(nextStep(core('themes', [me, person('ann', { done: true })]))).toMatchObject({
			kind: 'done',
			waiting: 0,
			total: 2,
			next: { key: 'draft' }
		});
		expect(nextStep(core('themes', [person('me'), person('ann')]))).toEqual({ kind: 'work' });
		expect(nextStep(core('publish', [me, person('ann')]))).toEqual({
			kind: 'done',
			waiting: 1,
			total: 2,
			next: null
		});
	});
});
