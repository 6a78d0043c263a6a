import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { requireWorkspaceMember } from '$lib/server/portraits/access';
import { printablePortrait } from '$lib/server/portraits/portraits';
import type { PageServerLoad } from './$types';

// The print layout sits outside the workspace layout (`+page@(app)`), so it checks the membership itself.
export const load: PageServerLoad = async ({ parent, params }) => {
	const { user } = await parent();
	const actor = { kind: 'user', userId: user.id } as const;
	return runLoad(async () => {
		const membership = await requireWorkspaceMember(db, actor, params.ws);
		const printable = await printablePortrait(db, actor, params.ws, params.id);
		return { ...printable, workspaceName: membership.workspaceName };
	});
};
