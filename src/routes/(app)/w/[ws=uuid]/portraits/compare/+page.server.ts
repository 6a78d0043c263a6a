import { db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { runLoad } from '$lib/server/http';
import {
	comparePortraits,
	listPortraits,
	type FullPortrait
} from '$lib/server/portraits/portraits';
import { parseCompareIds } from '$lib/portraits/validation';
import type { ErrorCode } from '$lib/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params, url }) => {
	const { user } = await parent();
	const actor = { kind: 'user', userId: user.id } as const;
	const ids = parseCompareIds(url.searchParams);
	return runLoad(async () => {
		// Everyone may pick again from the whole list; a bad choice shows why instead of an error page.
		const { portraits: all } = await listPortraits(db, actor, params.ws, {
			kind: null,
			relationshipClass: null,
			segment: null
		});
		let compared: FullPortrait[] = [];
		let problem: ErrorCode | null = null;
		try {
			compared = await comparePortraits(db, actor, params.ws, ids);
		} catch (err) {
			if (!(err instanceof DomainError) || err.code !== 'compare_count') throw err;
			problem = err.code;
		}
		return { all, compared, problem, selected: ids ?? [] };
	});
};
