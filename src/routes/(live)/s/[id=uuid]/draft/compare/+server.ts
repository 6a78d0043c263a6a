import { z } from 'zod';
import { db } from '$lib/server/db';
import { runEndpoint } from '$lib/server/http';
import { compareVersions } from '$lib/server/draft/versions';
import { DomainError } from '$lib/server/errors';
import { actorFromLocals } from '$lib/server/sessions/actor';
import type { RequestHandler } from './$types';

const query = z.object({ from: z.uuid(), to: z.uuid() });

/** Word-by-word comparison of two saved versions: `?from=<id>&to=<id>`. */
export const GET: RequestHandler = ({ locals, params, url }) =>
	runEndpoint(async () => {
		const parsed = query.safeParse(Object.fromEntries(url.searchParams));
		if (!parsed.success) throw new DomainError('version_unknown', 400);
		return compareVersions(
			db,
			actorFromLocals(locals),
			params.id,
			parsed.data.from,
			parsed.data.to
		);
	});
