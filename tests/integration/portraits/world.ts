// A workspace with everyone the portrait rules are about: Fay (admin), Cora (facilitator), Alice
// (member), Rita (reader), Sam (admin of another workspace); a strategy session Fay facilitates,
// with Gina as its guest, and a second session with Otto as its guest. Route events are built the
// way SvelteKit builds them.
import { db } from '$lib/server/db';
import type { SessionActor } from '$lib/server/sessions/access';
import { createSession } from '$lib/server/sessions/sessions';
import { findMembership } from '$lib/server/workspaces/access';
import { createPortrait } from '$lib/server/portraits/portraits';
import type { PortraitActor } from '$lib/server/portraits/access';
import { createAdmin, createMember } from '../../utils/factories';
import { joinGuest } from '../../utils/session-factories';

export type Person = { userId: string; name: string; token: string };

/** The people, sessions and guests of one test workspace. */
export async function portraitWorld() {
	const fay = await createAdmin('Fay Facilitator');
	const cora = await createMember(fay, 'facilitator', 'Cora Cohost');
	const alice = await createMember(fay, 'member', 'Alice Andreeva');
	const rita = await createMember(fay, 'reader', 'Rita Reader');
	const sam = await createAdmin('Sam Stranger');
	const workspaceId = fay.workspaceId;
	const sessionOptions = {
		goal: '',
		scheduledOn: null,
		anonymity: 'partial' as const,
		allowGuests: true
	};
	const sessionId = await createSession(db, fay.userId, workspaceId, {
		...sessionOptions,
		title: 'Know the key customer',
		participantIds: [alice.userId]
	});
	const otherSessionId = await createSession(db, fay.userId, workspaceId, {
		...sessionOptions,
		title: 'Another workshop',
		participantIds: []
	});
	const gina = await joinGuest(sessionId, 'Gina Guest');
	const otto = await joinGuest(otherSessionId, 'Otto Other');
	return {
		workspaceId,
		sessionId,
		otherSessionId,
		people: { fay, cora, alice, rita, sam },
		guests: { gina, otto }
	};
}

export type PortraitWorld = Awaited<ReturnType<typeof portraitWorld>>;

/** The portrait actor of an account. */
export const asUser = (person: { userId: string }): PortraitActor => ({
	kind: 'user',
	userId: person.userId
});

/** The portrait actor of a guest. */
export const asGuest = (guest: {
	actor: Extract<SessionActor, { kind: 'guest' }>;
}): PortraitActor => ({
	kind: 'guest',
	participantId: guest.actor.participantId,
	sessionId: guest.actor.sessionId
});

/** A blank portrait created by `owner` in their workspace. */
export async function blankPortraitOf(
	owner: { userId: string; workspaceId: string },
	name: string
) {
	return createPortrait(db, asUser(owner), owner.workspaceId, {
		start: 'blank',
		name,
		kind: 'customer',
		language: 'en'
	});
}

/** A blank portrait created by Alice. */
export async function blankPortrait(
	world: PortraitWorld,
	name = 'Busy parent with small children'
) {
	return blankPortraitOf(world.people.alice, name);
}

/** Who makes a request: an account, a guest, or nobody. */
export type Requester =
	{ userId: string; name: string } | { actor: Extract<SessionActor, { kind: 'guest' }> } | null;

function locals(requester: Requester): App.Locals {
	if (!requester) return { user: null, sessionToken: null, guest: null };
	if ('actor' in requester) return { user: null, sessionToken: null, guest: requester.actor };
	return {
		user: { id: requester.userId, name: requester.name, email: 'x@example.test', language: 'en' },
		sessionToken: null,
		guest: null
	};
}

/**
 * A SvelteKit event with the fields these handlers read; `parent()` answers what the app and
 * workspace layouts would (the user, and their membership when `params.ws` is set).
 */
export function event<E>(
	requester: Requester,
	url: string,
	params: Record<string, string>,
	init?: RequestInit
): E {
	const request = new Request(`http://localhost${url}`, init);
	const eventLocals = locals(requester);
	return {
		request,
		locals: eventLocals,
		params,
		url: new URL(request.url),
		parent: async () => {
			const user = eventLocals.user;
			const membership = user && params.ws ? await findMembership(db, user.id, params.ws) : null;
			return { user, membership };
		}
	} as unknown as E;
}

/** A form post. */
export function post(values: Record<string, string | File>): RequestInit {
	const body = new FormData();
	for (const [key, value] of Object.entries(values)) body.set(key, value);
	return { method: 'POST', body };
}

/** What a load returned (SvelteKit types a load's answer as `void | data`). */
export function loaded<T>(value: T | void): T {
	if (!value) throw new Error('the load returned nothing');
	return value;
}
