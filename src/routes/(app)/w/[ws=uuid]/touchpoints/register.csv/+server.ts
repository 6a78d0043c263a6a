import { getLocale } from '$lib/paraglide/runtime';
import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { signedInUser } from '$lib/server/auth/current-user';
import { download } from '$lib/server/outputs/http';
import { registerCsv, ruleTexts } from '$lib/server/touchpoints/csv';
import { buildRegister } from '$lib/server/touchpoints/register';
import type { RequestHandler } from './$types';

/** The whole register as CSV, for any member of the workspace. */
export const GET: RequestHandler = ({ locals, params }) =>
	runLoad(async () => {
		const register = await buildRegister(db, signedInUser(locals).id, params.ws);
		const csv = registerCsv(register, await ruleTexts(db, params.ws), getLocale());
		return download(csv, 'touchpoints.csv', 'text/csv; charset=utf-8');
	});
