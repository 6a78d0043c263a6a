import { db } from '$lib/server/db';
import { runLoad } from '$lib/server/http';
import { openSessionMap } from '$lib/server/journeys/maps';
import { loadMapUpdate } from '$lib/server/journeys/documents';
import { journeyRoomName } from '$lib/server/journeys/rooms';
import { actorFromLocals } from '$lib/server/sessions/actor';
import { sessionMapTouchpoints } from '$lib/server/touchpoints/touchpoints';
import { sessionStagePanel } from '$lib/server/voice/session-stage-panel';
import { sessionMapVoice } from '$lib/server/voice/stage-questionnaires';
import type { PageServerLoad } from './$types';

/** A map linked to the session, for its guests and the members who take part. */
export const load: PageServerLoad = ({ locals, params, url }) =>
	runLoad(async () => {
		const actor = actorFromLocals(locals);
		const { map, ctx, access } = await openSessionMap(db, actor, params.id, params.map);
		return {
			map,
			access,
			roomName: journeyRoomName(map),
			// The stored document, so the grid is drawn before the room syncs (base64: inlined as an
			// array of numbers, the bytes would take three and a half times the space).
			initialUpdate: Buffer.from(await loadMapUpdate(db, map)).toString('base64'),
			// What the server's clock reads, so the page stamps values with it (journeys/clock.ts).
			serverNow: Date.now(),
			// Keys the local copy of the document: the participant, guest or member.
			cacheKey: ctx.participant.id,
			touchpoints: await sessionMapTouchpoints(db, actor, params.id, params.map),
			// The levels customers' answers measure, for members (figures only); null for guests.
			voice: await sessionMapVoice(db, actor, params.id, params.map),
			// Each stage's questionnaire and actions below the map, read-only, for members; null for guests.
			stagePanel: await sessionStagePanel(db, actor, params.id, params.map),
			origin: url.origin
		};
	});
