import { z } from 'zod';
import { db } from '$lib/server/db';
import { readJson, runEndpoint } from '$lib/server/http';
import { latestObjections } from '$lib/server/consensus/views';
import { checklist, setCheck } from '$lib/server/draft/checklist';
import { readLiveDraft } from '$lib/server/draft/live-draft';
import { listVersions, saveVersion } from '$lib/server/draft/versions';
import { loadSessionContext } from '$lib/server/sessions/access';
import { actorFromLocals } from '$lib/server/sessions/actor';
import { VERSION_NAME_MAX } from '$lib/draft/schema';
import type { RequestHandler } from './$types';

/**
 * Stage 4 beside the editor: saved versions, the criteria checklist, and the comments of the
 * consensus round that sent the draft back (null unless the latest round ended in objection).
 */
export const GET: RequestHandler = ({ locals, params }) =>
	runEndpoint(async () => {
		const ctx = await loadSessionContext(db, actorFromLocals(locals), params.id);
		return {
			versions: await listVersions(db, ctx),
			checklist: await checklist(db, ctx),
			objections: await latestObjections(db, ctx)
		};
	});

const command = z.discriminatedUnion('action', [
	z.object({
		action: z.literal('save'),
		name: z.string().trim().max(VERSION_NAME_MAX, { error: 'text_too_long' })
	}),
	z.object({
		action: z.literal('check'),
		itemId: z.uuid({ error: 'not_found' }),
		checked: z.boolean()
	})
]);

/** Save a named version (facilitator) or tick a criterion (participant). */
export const POST: RequestHandler = ({ locals, params, request }) =>
	runEndpoint(async () => {
		const input = await readJson(request, command);
		const actor = actorFromLocals(locals);
		if (input.action === 'save')
			return saveVersion(db, actor, params.id, input.name, readLiveDraft);
		await setCheck(db, actor, params.id, input.itemId, input.checked);
	});
