import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { loadOutputsViewer } from '$lib/server/outputs';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params }) => {
	const { user } = await parent();
	return runLoad(async () => {
		const viewer = await loadOutputsViewer(db, user.id, params.ws, params.id);
		return {
			session: {
				id: viewer.session.id,
				workspaceId: viewer.session.workspaceId,
				title: viewer.session.title
			},
			mayExport: viewer.mayExport
		};
	});
};
