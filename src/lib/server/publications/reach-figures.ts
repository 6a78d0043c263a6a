// How far the current definition has reached, computed from plain rows so the figures can be
// tested without a database. Shares are of the workspace's members now (everyone who should
// read it, whenever they joined); acknowledgements of people no longer members do not count.

import type { ReachDay, ReachFigures, ReachMember, DepartmentReach } from '$lib/publications/model';

/** Longest timeline drawn, in days; older days are summed into the first one shown. */
export const TIMELINE_MAX_DAYS = 366;

const DAY_MS = 24 * 60 * 60 * 1000;
const share = (part: number, whole: number) => (whole ? part / whole : 0);
const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Reach of one publication: overall, per department (members without one in their own group,
 * listed last), cumulative by UTC day from the day of publication to `now`, and who has not
 * acknowledged yet (by department, then name).
 */
export function reachFigures(
	members: readonly ReachMember[],
	acks: readonly { userId: string; acknowledgedAt: Date }[],
	publishedAt: Date,
	now: Date
): ReachFigures {
	const memberIds = new Set(members.map((m) => m.userId));
	const counted = acks.filter((ack) => memberIds.has(ack.userId));
	const acknowledgedIds = new Set(counted.map((ack) => ack.userId));

	const groups = new Map<string, DepartmentReach>();
	for (const member of members) {
		const key = member.departmentId ?? '';
		let group = groups.get(key);
		if (!group) {
			group = {
				departmentId: member.departmentId,
				departmentName: member.departmentName,
				members: 0,
				acknowledged: 0,
				share: 0
			};
			groups.set(key, group);
		}
		group.members += 1;
		if (acknowledgedIds.has(member.userId)) group.acknowledged += 1;
	}
	const departments = [...groups.values()]
		.map((group) => ({ ...group, share: share(group.acknowledged, group.members) }))
		.sort((a, b) =>
			a.departmentName === null
				? 1
				: b.departmentName === null
					? -1
					: a.departmentName.localeCompare(b.departmentName)
		);

	const perDay = new Map<string, number>();
	for (const ack of counted) {
		const day = utcDay(ack.acknowledgedAt < publishedAt ? publishedAt : ack.acknowledgedAt);
		perDay.set(day, (perDay.get(day) ?? 0) + 1);
	}
	const first = Date.parse(utcDay(publishedAt));
	const last = Math.max(first, Date.parse(utcDay(now)));
	const start = Math.max(first, last - (TIMELINE_MAX_DAYS - 1) * DAY_MS);
	let running = [...perDay]
		.filter(([day]) => Date.parse(day) < start)
		.reduce((sum, [, count]) => sum + count, 0);
	const timeline: ReachDay[] = [];
	for (let t = start; t <= last; t += DAY_MS) {
		const day = utcDay(new Date(t));
		running += perDay.get(day) ?? 0;
		timeline.push({ day, acknowledged: running, share: share(running, members.length) });
	}

	const notYet = members
		.filter((member) => !acknowledgedIds.has(member.userId))
		.sort(
			(a, b) =>
				(a.departmentName ?? '\uffff').localeCompare(b.departmentName ?? '\uffff') ||
				a.name.localeCompare(b.name)
		);
	return {
		members: members.length,
		acknowledged: acknowledgedIds.size,
		share: share(acknowledgedIds.size, members.length),
		departments,
		timeline,
		notYet
	};
}
