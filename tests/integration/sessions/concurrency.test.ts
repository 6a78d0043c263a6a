// Two facilitators acting at once: every action is applied, one after the other, each on the state
// the other left, so the row stays consistent and its revision grows by exactly one per action.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import {
	arrangeStages,
	controlTimer,
	goToStage,
	setAnonymity,
	setGuestsAllowed,
	setLocked
} from '$lib/server/sessions/controls';
import { activeStages, defaultStages, type Stage } from '$lib/sessions/stages';
import { participantRows, sessionRow, sessionWorld } from '../../utils/session-factories';

const T0 = new Date('2030-01-01T10:00:00.000Z');
const renamed: Stage[] = defaultStages().map((stage) => ({ ...stage, title: `My ${stage.key}` }));

describe('two facilitators at once', () => {
	it('apply every one of several different actions, revision + number of actions', async () => {
		for (let round = 0; round < 3; round++) {
			const { sessionId, actors, accounts } = await sessionWorld({
				anonymity: 'partial',
				allowGuests: false
			});
			const { facilitator: fay, coFacilitator: cora } = actors;
			// Cora has not opened the session yet: her first action also makes her a facilitator in it.
			const results = await Promise.all([
				goToStage(db, cora, sessionId, 'themes'),
				setLocked(db, fay, sessionId, true),
				setAnonymity(db, cora, sessionId, 'off'),
				controlTimer(db, fay, sessionId, { command: 'start', minutes: 10 }, T0),
				arrangeStages(db, cora, sessionId, renamed),
				setGuestsAllowed(db, fay, sessionId, true)
			]);
			// Each action saw its own revision: all different, 1..6.
			expect(results.map((row) => row.revision).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
			const row = await sessionRow(sessionId);
			expect(row).toMatchObject({
				revision: 6,
				currentStage: 'themes',
				locked: true,
				anonymity: 'off',
				timerEndsAt: new Date(T0.getTime() + 10 * 60_000),
				timerRemainingMs: null,
				stages: renamed
			});
			expect(row.guestCode).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}$/);
			const coraRows = (await participantRows(sessionId)).filter(
				(p) => p.userId === accounts.cora.userId
			);
			expect(coraRows).toEqual([expect.objectContaining({ isFacilitator: true })]);
		}
	});

	it('lose no +1 minute when both press it many times at once', async () => {
		const { sessionId, actors } = await sessionWorld();
		await controlTimer(db, actors.facilitator, sessionId, { command: 'start', minutes: 5 }, T0);
		const presses = Array.from({ length: 8 }, (_, i) =>
			controlTimer(
				db,
				i % 2 ? actors.coFacilitator : actors.facilitator,
				sessionId,
				{ command: 'add_minute' },
				T0
			)
		);
		await Promise.all(presses);
		expect(await sessionRow(sessionId)).toMatchObject({
			timerEndsAt: new Date(T0.getTime() + 13 * 60_000),
			revision: 9
		});
	});

	it('never leave the session on a skipped stage when one skips it while the other opens it', async () => {
		for (let round = 0; round < 3; round++) {
			const { sessionId, actors } = await sessionWorld();
			const skipCriteria = defaultStages().map((stage) =>
				stage.key === 'criteria' ? { ...stage, skipped: true } : stage
			);
			const [open, arrange] = await Promise.allSettled([
				goToStage(db, actors.coFacilitator, sessionId, 'criteria'),
				arrangeStages(db, actors.facilitator, sessionId, skipCriteria)
			]);
			expect(arrange.status).toBe('fulfilled');
			const row = await sessionRow(sessionId);
			expect(row.stages).toEqual(skipCriteria);
			expect(activeStages(row.stages).map((stage) => stage.key)).toContain(row.currentStage);
			if (open.status === 'fulfilled') {
				// The stage opened first, then got skipped: everyone moved to the first active stage.
				expect(row).toMatchObject({ currentStage: 'definitions', revision: 2 });
			} else {
				expect(open.reason).toMatchObject({ code: 'stage_not_open' });
				expect(row).toMatchObject({ currentStage: 'definitions', revision: 1 });
			}
		}
	});
});
