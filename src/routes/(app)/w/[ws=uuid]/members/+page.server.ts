import { db } from '$lib/server/db';
import { signedInUser } from '$lib/server/auth/current-user';
import { invalidForm, runAction, runLoad } from '$lib/server/http';
import {
	createDepartment,
	deleteDepartment,
	listDepartments
} from '$lib/server/workspaces/departments';
import { createInvite, listPendingInvites, revokeInvite } from '$lib/server/workspaces/invites';
import { mailInvite } from '$lib/server/mail/events';
import {
	listMembers,
	removeMember,
	renameWorkspace,
	updateMember
} from '$lib/server/workspaces/members';
import { deactivateMembers, reactivateMembers } from '$lib/server/workspaces/deactivation';
import { claimPath, createAccountClaim } from '$lib/server/staff/claims';
import { parseForm } from '$lib/validation/fields';
import {
	departmentSchema,
	inviteSchema,
	memberUpdateSchema,
	workspaceSchema
} from '$lib/validation/workspace';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params }) => {
	const { user, membership } = await parent();
	const isAdmin = membership.role === 'admin';
	return runLoad(async () => ({
		members: await listMembers(db, user.id, params.ws),
		departments: await listDepartments(db, user.id, params.ws),
		invites: isAdmin ? await listPendingInvites(db, user.id, params.ws) : []
	}));
};

const idSchema = z.object({ id: z.uuid({ error: 'not_found' }) });
const idsSchema = z.object({
	ids: z.array(z.uuid({ error: 'not_found' })).min(1, { error: 'not_found' })
});

export const actions: Actions = {
	invite: async ({ request, locals, params, url }) => {
		const parsed = parseForm(inviteSchema, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		const result = await runAction(() =>
			createInvite(db, signedInUser(locals).id, params.ws, parsed.data)
		);
		if (!('token' in result)) return result;
		const inviteLink = `${url.origin}/invite/${result.token}`;
		const { email } = parsed.data;
		if (email)
			await mailInvite(db, signedInUser(locals).id, params.ws, {
				...result,
				email,
				link: inviteLink
			});
		return { inviteLink, invitedEmail: email };
	},
	revokeInvite: async ({ request, locals, params }) => {
		const parsed = parseForm(idSchema, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		return runAction(() => revokeInvite(db, signedInUser(locals).id, params.ws, parsed.data.id));
	},
	updateMember: async ({ request, locals, params }) => {
		const parsed = parseForm(memberUpdateSchema, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		const result = await runAction(() =>
			updateMember(db, signedInUser(locals).id, params.ws, parsed.data)
		);
		return result ?? { saved: parsed.data.userId };
	},
	removeMember: async ({ request, locals, params }) => {
		const parsed = parseForm(idSchema, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		const result = await runAction(() =>
			removeMember(db, signedInUser(locals).id, params.ws, parsed.data.id)
		);
		return result ?? { removed: true };
	},
	deactivateMembers: async ({ request, locals, params }) => {
		const parsed = parseForm(idsSchema, await request.formData(), ['ids']);
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		const result = await runAction(() =>
			deactivateMembers(db, signedInUser(locals).id, params.ws, parsed.data.ids)
		);
		return typeof result === 'number' ? { deactivated: result } : result;
	},
	reactivateMembers: async ({ request, locals, params }) => {
		const parsed = parseForm(idsSchema, await request.formData(), ['ids']);
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		const result = await runAction(() =>
			reactivateMembers(db, signedInUser(locals).id, params.ws, parsed.data.ids)
		);
		return typeof result === 'number' ? { reactivated: result } : result;
	},
	createClaim: async ({ request, locals, params, url }) => {
		const parsed = parseForm(idSchema, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		const result = await runAction(() =>
			createAccountClaim(db, signedInUser(locals).id, params.ws, parsed.data.id)
		);
		if (!('token' in result)) return result;
		return { claimLink: `${url.origin}${claimPath(result.token)}` };
	},
	createDepartment: async ({ request, locals, params }) => {
		const parsed = parseForm(departmentSchema, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		const result = await runAction(() =>
			createDepartment(db, signedInUser(locals).id, params.ws, parsed.data.departmentName)
		);
		return typeof result === 'string' ? { departmentCreated: true } : result;
	},
	deleteDepartment: async ({ request, locals, params }) => {
		const parsed = parseForm(idSchema, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		return runAction(() =>
			deleteDepartment(db, signedInUser(locals).id, params.ws, parsed.data.id)
		);
	},
	renameWorkspace: async ({ request, locals, params }) => {
		const parsed = parseForm(workspaceSchema, await request.formData());
		if (!parsed.ok) return invalidForm(400, parsed.errors);
		return runAction(() =>
			renameWorkspace(db, signedInUser(locals).id, params.ws, parsed.data.workspaceName)
		);
	}
};
