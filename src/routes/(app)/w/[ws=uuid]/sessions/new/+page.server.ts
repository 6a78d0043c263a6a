import { redirect } from '@sveltejs/kit';
import { signedInUser } from '$lib/server/auth/current-user';
import { db } from '$lib/server/db';
import { formValues, invalidForm, runAction, runLoad } from '$lib/server/http';
import { createSession } from '$lib/server/sessions/sessions';
import { listMembers, type MemberRow } from '$lib/server/workspaces/members';
import { parseForm } from '$lib/validation/fields';
import { createSessionSchema } from '$lib/validation/session';
import type { Actions, PageServerLoad } from './$types';
import { can, requireAllowed, WORKSPACE } from '$lib/server/policies';

export const load: PageServerLoad = async ({ parent, params }) => {
	const { user } = await parent();
	return runLoad(async () => {
		await requireAllowed(db, user.id, params.ws, 'facilitate');
		const members = await listMembers(db, user.id, params.ws);
		// Readers read and acknowledge; they are not offered as participants.
		const writes = (member: MemberRow) =>
			can({ kind: 'member', userId: member.userId, role: member.role }, 'editContent', WORKSPACE);
		const offered = (member: MemberRow) =>
			member.userId !== user.id && member.deactivatedAt === null && writes(member);
		return { members: members.filter(offered) };
	});
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const user = signedInUser(locals);
		const form = await request.formData();
		const values = formValues(form, 'title', 'goal', 'scheduledOn', 'anonymity');
		const parsed = parseForm(createSessionSchema, form, ['participantIds']);
		if (!parsed.ok) return invalidForm(400, parsed.errors, values);
		const result = await runAction(
			() => createSession(db, user.id, params.ws, parsed.data),
			values
		);
		if (typeof result !== 'string') return result;
		redirect(303, `/s/${result}`);
	}
};
