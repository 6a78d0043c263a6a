import { proposalActionSchema } from '$lib/criteria/voting';
import { db } from '$lib/server/db';
import { readJson, runEndpoint } from '$lib/server/http';
import { actorFromLocals } from '$lib/server/sessions/actor';
import { changeProposal, listProposals, syncCriteriaDoc } from '$lib/server/voting';
import type { RequestHandler } from './$types';

/** The proposed criteria, for screens without a sync connection (guests). */
export const GET: RequestHandler = ({ locals, params }) =>
	runEndpoint(async () => ({
		proposals: await listProposals(db, actorFromLocals(locals), params.id, syncCriteriaDoc)
	}));

/** Adds, rewrites or removes a proposal on behalf of a screen without a sync connection. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	runEndpoint(async () => {
		const input = await readJson(request, proposalActionSchema);
		return {
			proposals: await changeProposal(
				db,
				actorFromLocals(locals),
				params.id,
				input,
				syncCriteriaDoc
			)
		};
	});
