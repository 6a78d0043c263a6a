import { describe, expect, it } from 'vitest';
import { reachFigures, TIMELINE_MAX_DAYS } from '$lib/server/publications/reach-figures';

const member = (userId: string, departmentName: string | null) => ({
	userId,
	name: userId.toUpperCase(),
	departmentId: departmentName ? `d-${departmentName}` : null,
	departmentName
});

describe('reach figures', () => {
	const publishedAt = new Date('2026-03-10T22:00:00Z');
	const members = [
		member('a', 'Sales'),
		member('b', 'Sales'),
		member('c', null),
		member('d', 'Front office')
	];

	it('counts only current members, per department, with no department last', () => {
		const figures = reachFigures(
			members,
			[
				{ userId: 'a', acknowledgedAt: new Date('2026-03-10T23:00:00Z') },
				{ userId: 'gone', acknowledgedAt: new Date('2026-03-11T08:00:00Z') },
				{ userId: 'c', acknowledgedAt: new Date('2026-03-12T08:00:00Z') }
			],
			publishedAt,
			new Date('2026-03-12T12:00:00Z')
		);
		expect(figures).toMatchObject({ members: 4, acknowledged: 2, share: 0.5 });
		expect(
			figures.departments.map((d) => [d.departmentName, d.acknowledged, d.members, d.share])
		).toEqual([
			['Front office', 0, 1, 0],
			['Sales', 1, 2, 0.5],
			[null, 1, 1, 1]
		]);
		expect(figures.timeline).toEqual([
			{ day: '2026-03-10', acknowledged: 1, share: 0.25 },
			{ day: '2026-03-11', acknowledged: 1, share: 0.25 },
			{ day: '2026-03-12', acknowledged: 2, share: 0.5 }
		]);
		expect(figures.notYet.map((m) => m.userId)).toEqual(['d', 'b']);
	});

	it('handles an empty workspace and bounds a long timeline, summing older days into its first', () => {
		expect(reachFigures([], [], publishedAt, publishedAt)).toMatchObject({
			members: 0,
			share: 0,
			timeline: [{ day: '2026-03-10' }]
		});
		const now = new Date(publishedAt.getTime() + 800 * 24 * 60 * 60 * 1000);
		const figures = reachFigures(
			members,
			[{ userId: 'a', acknowledgedAt: publishedAt }],
			publishedAt,
			now
		);
		expect(figures.timeline).toHaveLength(TIMELINE_MAX_DAYS);
		expect(figures.timeline[0].acknowledged).toBe(1);
	});
});
