import { error } from '@sveltejs/kit';
import { signedInUser } from '$lib/server/auth/current-user';
import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { acknowledgeAction } from '$lib/server/publications/acknowledge-action';
import { loadedReader, readDefinition } from '$lib/server/publications/reader';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async ({ locals, params }) => {
	if (!/^[1-9]\d{0,8}$/.test(params.n)) error(404, { message: 'not_found', code: 'not_found' });
	const definition = await runLoad(() =>
		readDefinition(
			db,
			signedInUser(locals).id,
			params.ws,
			Number(params.n),
			loadedReader(locals, params.ws)
		)
	);
	if (!definition) error(404, { message: 'not_found', code: 'not_found' });
	return { definition };
};

export const actions: Actions = { acknowledge: acknowledgeAction };
