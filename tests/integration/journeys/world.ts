// A workspace with everyone the rules of journey maps and touchpoints are about: an admin, a
// facilitator, two members, a reader, the admin of another workspace; a portrait (inserted as a
// row: portraits are another area's service) and a map of it; a session that admits guests with
// one guest, and a second session with its own guest.
import { db } from '$lib/server/db';
import { portraits } from '$lib/server/db/schema';
import { createMap } from '$lib/server/journeys/maps';
import type { SessionActor } from '$lib/server/sessions/access';
import { createSession } from '$lib/server/sessions/sessions';
import { createAdmin, createMember } from '../../utils/factories';
import { joinGuest, userActor } from '../../utils/session-factories';

/** A portrait row of `workspaceId`. */
export async function insertPortrait(workspaceId: string, name: string): Promise<string> {
	const [row] = await db
		.insert(portraits)
		.values({ workspaceId, name })
		.returning({ id: portraits.id });
	return row.id;
}

/** The people, a portrait, a map and two sessions with a guest each. */
export async function journeyWorld() {
	const admin = await createAdmin('Elena Admin');
	const workspaceId = admin.workspaceId;
	const facilitator = await createMember(admin, 'facilitator', 'Georgi Facilitator');
	const anna = await createMember(admin, 'member', 'Anna Member');
	const maria = await createMember(admin, 'member', 'Maria Member');
	const reader = await createMember(admin, 'reader', 'Rita Reader');
	const stranger = await createAdmin('Sam Stranger');
	const portraitId = await insertPortrait(workspaceId, 'Busy parent');
	const mapId = await createMap(
		db,
		anna.userId,
		workspaceId,
		{ title: 'Parent journey', portraitId },
		'en'
	);
	const newSession = (title: string) =>
		createSession(db, admin.userId, workspaceId, {
			title,
			goal: '',
			scheduledOn: null,
			anonymity: 'partial',
			allowGuests: true,
			participantIds: [anna.userId]
		});
	const sessionId = await newSession('Journey workshop');
	const otherSessionId = await newSession('Another workshop');
	const gina = await joinGuest(sessionId, 'Gina Guest');
	const oscar = await joinGuest(otherSessionId, 'Oscar Other');
	return {
		workspaceId,
		portraitId,
		mapId,
		map: { id: mapId, workspaceId },
		sessionId,
		otherSessionId,
		accounts: { admin, facilitator, anna, maria, reader, stranger },
		guests: { gina, oscar },
		actors: {
			anna: userActor(anna),
			gina: gina.actor as SessionActor,
			oscar: oscar.actor as SessionActor
		}
	};
}

export type JourneyWorld = Awaited<ReturnType<typeof journeyWorld>>;

/** App.Locals of a signed-in account, or of a guest. */
export function localsOf(who: { userId: string; name: string } | SessionActor): App.Locals {
	if ('kind' in who && who.kind === 'guest') return { user: null, sessionToken: null, guest: who };
	const user = 'userId' in who ? who : null;
	if (!user) throw new Error('not an account');
	return {
		user: { id: user.userId, name: user.name, email: 'x@example.test', language: 'en' },
		sessionToken: null,
		guest: null
	};
}

/** A SvelteKit event with just the fields these handlers read. */
export function eventOf<E>(
	locals: App.Locals,
	url: string,
	params: Record<string, string>,
	init?: RequestInit
): E {
	const request = new Request(`http://localhost${url}`, init);
	return { request, locals, params, url: new URL(request.url) } as unknown as E;
}

/** A form post. */
export function formPost(fields: Record<string, string>): RequestInit {
	const body = new FormData();
	for (const [key, value] of Object.entries(fields)) body.set(key, value);
	return { method: 'POST', body };
}

/** A JSON request. */
export function jsonRequest(method: string, body: unknown): RequestInit {
	return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** The data a load returned (a load typed as possibly returning nothing). */
export async function loaded<T>(value: T | void | Promise<T | void>): Promise<T> {
	const result = await value;
	if (!result) throw new Error('the load returned nothing');
	return result;
}
