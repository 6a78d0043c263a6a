// The new-session form offers the members who may take part: not the facilitator themself, and
// no readers (who read and acknowledge, and write nowhere in a session).
import { describe, expect, it } from 'vitest';
import { load } from '../../../src/routes/(app)/w/[ws=uuid]/sessions/new/+page.server';
import { createAdmin, createMember } from '../../utils/factories';

type LoadEvent = Parameters<typeof load>[0];

describe('the new-session form', () => {
	it('offers members and facilitators, not readers', async () => {
		const admin = await createAdmin('Ada Admin');
		const max = await createMember(admin, 'member', 'Max Member');
		const cora = await createMember(admin, 'facilitator', 'Cora Cohost');
		const rita = await createMember(admin, 'reader', 'Rita Reader');
		const user = { id: admin.userId, name: admin.name, email: admin.email, language: 'en' };
		const event = { parent: () => Promise.resolve({ user }), params: { ws: admin.workspaceId } };
		// The load reads only `parent` and `params`.
		const data = await load(event as unknown as LoadEvent);
		if (!data) throw new Error('no data');
		const offered = (data.members as { userId: string }[]).map((member) => member.userId);
		expect(offered.sort()).toEqual([max.userId, cora.userId].sort());
		expect(offered).not.toContain(rita.userId);
	});
});
