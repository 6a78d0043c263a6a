// Calls the voting endpoints the way SvelteKit does, with a real Request, and returns what the
// browser would receive: the status and the parsed JSON body, plus the raw text to search.
import type { SessionActor } from '$lib/server/sessions/access';
import * as voting from '../../../src/routes/(live)/s/[id=uuid]/voting/+server';
import * as proposals from '../../../src/routes/(live)/s/[id=uuid]/voting/proposals/+server';

function locals(actor: SessionActor): App.Locals {
	if (actor.kind === 'guest') return { user: null, sessionToken: null, guest: actor };
	return {
		user: { id: actor.userId, name: actor.name, email: 'x@example.test', language: 'en' },
		sessionToken: null,
		guest: null
	};
}

async function call<Event>(
	handler: (event: Event) => Response | Promise<Response>,
	path: string,
	actor: SessionActor,
	sessionId: string,
	method: string,
	body?: unknown,
	contentType = 'application/json'
) {
	const request = new Request(`http://localhost/s/${sessionId}/${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': contentType },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
	});
	// The handlers read only these fields of the event; the rest of SvelteKit's event is not needed.
	const event = { request, locals: locals(actor), params: { id: sessionId } } as unknown as Event;
	const response = await handler(event);
	const text = await response.text();
	return { status: response.status, text, body: JSON.parse(text) as unknown };
}

/** GET /s/<id>/voting as `actor`. */
export const getVoting = (actor: SessionActor, sessionId: string) =>
	call(voting.GET, 'voting', actor, sessionId, 'GET');
/** POST /s/<id>/voting (facilitator actions) as `actor`. */
export const postVoting = (
	actor: SessionActor,
	sessionId: string,
	body: unknown,
	contentType?: string
) => call(voting.POST, 'voting', actor, sessionId, 'POST', body, contentType);
/** PUT /s/<id>/voting (set dots) as `actor`. */
export const putVoting = (
	actor: SessionActor,
	sessionId: string,
	body: unknown,
	contentType?: string
) => call(voting.PUT, 'voting', actor, sessionId, 'PUT', body, contentType);
/** GET /s/<id>/voting/proposals as `actor`. */
export const getProposals = (actor: SessionActor, sessionId: string) =>
	call(proposals.GET, 'voting/proposals', actor, sessionId, 'GET');
/** POST /s/<id>/voting/proposals as `actor`. */
export const postProposals = (actor: SessionActor, sessionId: string, body: unknown) =>
	call(proposals.POST, 'voting/proposals', actor, sessionId, 'POST', body);
