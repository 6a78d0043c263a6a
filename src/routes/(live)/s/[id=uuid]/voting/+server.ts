import { setDotsSchema, voteActionSchema } from '$lib/criteria/voting';
import { db } from '$lib/server/db';
import { readJson, runEndpoint } from '$lib/server/http';
import { loadSessionContext } from '$lib/server/sessions/access';
import { actorFromLocals } from '$lib/server/sessions/actor';
import {
	closeVote,
	openVote,
	reopenVote,
	revealVote,
	setDots,
	setWinner,
	syncCriteriaDoc,
	votingView
} from '$lib/server/voting';
import type { RequestHandler } from './$types';

/** Stage 3 voting as this viewer may see it: own dots and a voter count; totals only after the reveal. */
export const GET: RequestHandler = ({ locals, params }) =>
	runEndpoint(async () =>
		votingView(db, await loadSessionContext(db, actorFromLocals(locals), params.id))
	);

/** Facilitator actions: open, close, reopen, reveal, mark a winner. Answers with the new view. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	runEndpoint(async () => {
		const input = await readJson(request, voteActionSchema);
		const actor = actorFromLocals(locals);
		switch (input.action) {
			case 'open':
				return openVote(db, actor, params.id, input, syncCriteriaDoc);
			case 'close':
				return closeVote(db, actor, params.id);
			case 'reopen':
				return reopenVote(db, actor, params.id);
			case 'reveal':
				return revealVote(db, actor, params.id);
			case 'winner':
				return setWinner(db, actor, params.id, input.itemId, input.winner);
		}
	});

/** The viewer puts `dots` of their dots on one item (0 takes them back). Answers with the new view. */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	runEndpoint(async () => {
		const input = await readJson(request, setDotsSchema);
		return setDots(db, actorFromLocals(locals), params.id, input.itemId, input.dots);
	});
