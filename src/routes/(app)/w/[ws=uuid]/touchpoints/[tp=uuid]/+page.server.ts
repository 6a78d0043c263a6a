import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { memberOf } from '$lib/server/outputs/http';
import { buildRegister } from '$lib/server/touchpoints/register';
import { getTouchpoint, listOwnerChoices } from '$lib/server/touchpoints/touchpoints';
import type { PageServerLoad } from './$types';
import { actorOfMembership, can, requireAllowed, WORKSPACE } from '$lib/server/policies';

export const load: PageServerLoad = ({ locals, params }) =>
	runLoad(async () => {
		const user = memberOf(locals);
		const membership = await requireAllowed(db, user.id, params.ws, 'read');
		const touchpoint = await getTouchpoint(db, user.id, params.ws, params.tp);
		const register = await buildRegister(db, user.id, params.ws);
		return {
			touchpoint,
			placement: register.rows.find((row) => row.id === touchpoint.id) ?? null,
			owners: await listOwnerChoices(db, user.id, params.ws),
			canEdit: can(actorOfMembership(user.id, membership), 'editContent', WORKSPACE)
		};
	});
