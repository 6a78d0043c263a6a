// Who may do what, decided in one place (after Outline's `server/policies/`). `can` is a pure
// function of facts the caller loaded: the actor as the subject's workspace sees them and what the
// subject is (locked, linked to the guest's session, the actor's place in a session). HTTP services
// and room kinds ask it alike, so a rule cannot be written twice and drift.
import type { Role } from '../workspaces/access';

/** Who acts, as one workspace sees them. A removed member is a stranger. */
export type Actor =
	| { kind: 'member'; userId: string; role: Role }
	| { kind: 'guest'; participantId: string; sessionId: string }
	| { kind: 'stranger' };

/**
 * The actor's place in one session, if they have one. `excused`: the facilitator excused them (they
 * read, and write again once brought back); `removed`: a guest the facilitator removed (no access).
 */
export type SessionPlace = { isFacilitator: boolean; excused: boolean; removed: boolean };

/** What a decision is about, with the facts the rules read. */
export type Subject =
	| { type: 'workspace' }
	| {
			type: 'session';
			sessionId: string;
			locked: boolean;
			/** The actor's participant row in it; null when they have none. */
			place: SessionPlace | null;
	  }
	| { type: 'portrait'; linkedToGuestSession: boolean }
	| { type: 'map'; locked: boolean; linkedToGuestSession: boolean }
	| { type: 'touchpoint' }
	/** An improvement action; `ownedByActor`: the actor is its owner. */
	| { type: 'improvementAction'; ownedByActor: boolean }
	| { type: 'publication' };

/** The actions of each kind of subject. */
export type Actions = {
	/**
	 * `facilitate`: create, import and link sessions, lock and link maps; `editContent`: create and
	 * edit portraits, maps, touchpoints; `readMail`: the outbox and its failures; `manageMail`: the
	 * reminder schedule.
	 */
	workspace:
		| 'read'
		| 'manageMembers'
		| 'facilitate'
		| 'editContent'
		| 'seeReach'
		| 'readMail'
		| 'manageMail';
	/** `open`: see the session and read its rooms; `contribute`: write in them (definitions, votes, answers, board, draft). */
	session: 'open' | 'contribute' | 'facilitate' | 'export' | 'publish';
	portrait: 'read' | 'edit' | 'manage';
	/** `seeMeasured`: the levels customers' answers measure (figures only): members, never guests. */
	map: 'read' | 'edit' | 'manage' | 'editTouchpoints' | 'seeMeasured';
	/**
	 * `edit` covers its customer questionnaire; `seeContacts`: the details customers who consented
	 * left; `assess`: give one's own view of how customers experience it (every employee may).
	 */
	touchpoint: 'read' | 'edit' | 'seeContacts' | 'assess';
	/** `update`: move it on (planned, in progress, done): editors, and its owner even as a reader. */
	improvementAction: 'update';
	publication: 'read' | 'acknowledge';
};

type SubjectOf<T extends Subject['type']> = Extract<Subject, { type: T }>;

/** Roles that edit shared documents; a reader reads and acknowledges and edits nothing. */
export const EDITING_ROLES: readonly Role[] = ['admin', 'facilitator', 'member'];
/** Roles that create, facilitate and link sessions and manage maps. */
export const FACILITATING_ROLES: readonly Role[] = ['admin', 'facilitator'];
/** Roles that see how far the definition reached. */
export const LEADERSHIP_ROLES: readonly Role[] = ['admin', 'facilitator'];

const edits = (actor: Actor) => actor.kind === 'member' && EDITING_ROLES.includes(actor.role);
const hasRole = (actor: Actor, roles: readonly Role[]) =>
	actor.kind === 'member' && roles.includes(actor.role);

/**
 * True when a member facilitates the session: its facilitator, or a facilitating role who is not a
 * participant (they join it as its facilitator); a facilitating role who takes part as a plain
 * participant is a participant. Never a reader.
 */
function facilitatesSession(actor: Actor, session: SubjectOf<'session'>): boolean {
	if (actor.kind !== 'member' || actor.role === 'reader') return false;
	if (session.place) return session.place.isFacilitator;
	return FACILITATING_ROLES.includes(actor.role);
}

function canSession(actor: Actor, action: Actions['session'], session: SubjectOf<'session'>) {
	if (actor.kind === 'stranger') return false;
	if (session.place?.removed) return false;
	const excused = Boolean(session.place?.excused);
	if (actor.kind === 'guest') {
		if (actor.sessionId !== session.sessionId || !session.place) return false;
		return action === 'open' || (action === 'contribute' && !session.locked && !excused);
	}
	const facilitates = facilitatesSession(actor, session);
	switch (action) {
		case 'open':
			return session.place !== null || facilitates;
		case 'contribute':
			return (
				edits(actor) && (facilitates || (session.place !== null && !session.locked && !excused))
			);
		case 'facilitate':
			return facilitates;
		case 'export':
		case 'publish':
			// The session's own facilitator (a facilitating role becomes one by opening it), or an admin.
			return (facilitates && Boolean(session.place?.isFacilitator)) || actor.role === 'admin';
	}
}

const rules: {
	[T in Subject['type']]: (actor: Actor, action: Actions[T], subject: SubjectOf<T>) => boolean;
} = {
	workspace: (actor, action) => {
		switch (action) {
			case 'read':
				return actor.kind === 'member';
			case 'manageMembers':
				return hasRole(actor, ['admin']);
			case 'facilitate':
				return hasRole(actor, FACILITATING_ROLES);
			case 'editContent':
				return edits(actor);
			case 'seeReach':
				return hasRole(actor, LEADERSHIP_ROLES);
			case 'readMail':
			case 'manageMail':
				return hasRole(actor, ['admin']);
		}
	},
	session: canSession,
	portrait: (actor, action, portrait) => {
		if (actor.kind === 'guest') return portrait.linkedToGuestSession && action !== 'manage';
		if (action === 'read') return actor.kind === 'member';
		return edits(actor);
	},
	map: (actor, action, map) => {
		if (actor.kind === 'guest')
			return map.linkedToGuestSession && (action === 'read' || (action === 'edit' && !map.locked));
		switch (action) {
			case 'read':
			case 'seeMeasured':
				return actor.kind === 'member';
			case 'edit':
				return edits(actor) && !map.locked;
			case 'manage':
				return hasRole(actor, FACILITATING_ROLES);
			case 'editTouchpoints':
				return edits(actor);
		}
	},
	touchpoint: (actor, action) =>
		action === 'read' || action === 'assess' ? actor.kind === 'member' : edits(actor),
	improvementAction: (actor, _action, action) =>
		edits(actor) || (actor.kind === 'member' && action.ownedByActor),
	publication: (actor) => actor.kind === 'member'
};

/** Whether `actor` may do `action` to `subject`. */
export function can<S extends Subject>(
	actor: Actor,
	action: Actions[S['type']],
	subject: S
): boolean {
	const rule = rules[subject.type] as (actor: Actor, action: string, subject: Subject) => boolean;
	return rule(actor, action, subject);
}

/** What a connection may do in a room: write, read only, or nothing. */
export type RoomRight = 'write' | 'read' | null;

/** Room access from the policy: the write action allows writing, the read action reading. */
export function roomRight<S extends Subject>(
	actor: Actor,
	subject: S,
	actions: { write: Actions[S['type']]; read: Actions[S['type']] }
): RoomRight {
	if (can(actor, actions.write, subject)) return 'write';
	return can(actor, actions.read, subject) ? 'read' : null;
}
