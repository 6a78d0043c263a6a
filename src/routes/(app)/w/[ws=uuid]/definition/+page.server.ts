import { db } from '$lib/server/db';
import { signedInUser } from '$lib/server/auth/current-user';
import { runLoad } from '$lib/server/http';
import { acknowledgeAction } from '$lib/server/publications/acknowledge-action';
import { loadedReader, readDefinition } from '$lib/server/publications/reader';
import type { Actions, PageServerLoad } from './$types';

// Rendered on the server and sent without any JavaScript: fast on a phone, and the
// acknowledgement is a plain form post.
export const csr = false;

export const load: PageServerLoad = async ({ locals, params }) => ({
	definition: await runLoad(() =>
		readDefinition(
			db,
			signedInUser(locals).id,
			params.ws,
			undefined,
			loadedReader(locals, params.ws)
		)
	)
});

export const actions: Actions = { acknowledge: acknowledgeAction };
