import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { requireAllowed } from '$lib/server/policies';
import { experiencePage } from '$lib/server/voice/experience-page';
import { workspaceStageActions } from '$lib/server/voice/stage-actions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params }) => {
	const { user } = await parent();
	return runLoad(async () => {
		const membership = await requireAllowed(db, user.id, params.ws, 'read');
		return {
			workspaceName: membership.workspaceName,
			touchpoints: await experiencePage(db, user.id, params.ws),
			stageActions: await workspaceStageActions(db, user.id, params.ws),
			generatedAt: new Date().toISOString()
		};
	});
};
