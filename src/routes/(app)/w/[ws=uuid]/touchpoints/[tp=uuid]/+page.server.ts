import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { mapAccess } from '$lib/server/journeys/maps';
import { memberOf } from '$lib/server/outputs/http';
import { buildRegister } from '$lib/server/touchpoints/register';
import { getTouchpoint, listOwnerChoices } from '$lib/server/touchpoints/touchpoints';
import { requireRole } from '$lib/server/workspaces/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) =>
	runLoad(async () => {
		const user = memberOf(locals);
		const membership = await requireRole(db, user.id, params.ws);
		const touchpoint = await getTouchpoint(db, user.id, params.ws, params.tp);
		const register = await buildRegister(db, user.id, params.ws);
		return {
			touchpoint,
			placement: register.rows.find((row) => row.id === touchpoint.id) ?? null,
			owners: await listOwnerChoices(db, user.id, params.ws),
			canEdit: mapAccess(membership.role, { locked: false }).canEditTouchpoints
		};
	});
