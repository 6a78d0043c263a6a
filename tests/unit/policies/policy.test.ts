// Every role over every action of every subject, against a table written out by hand (not derived
// from the rules), so a change to a rule shows here as a changed row.
import { describe, expect, it } from 'vitest';
import {
	actorOfMembership,
	can,
	roomRight,
	type Actions,
	type Actor,
	type Subject
} from '$lib/server/policies';

const SESSION = 'session-1';
const actors = {
	admin: { kind: 'member', userId: 'u-admin', role: 'admin' },
	facilitator: { kind: 'member', userId: 'u-fac', role: 'facilitator' },
	member: { kind: 'member', userId: 'u-member', role: 'member' },
	reader: { kind: 'member', userId: 'u-reader', role: 'reader' },
	guest: { kind: 'guest', participantId: 'p-guest', sessionId: SESSION },
	otherGuest: { kind: 'guest', participantId: 'p-other', sessionId: 'session-2' },
	stranger: { kind: 'stranger' },
	removed: actorOfMembership('u-removed', null)
} satisfies Record<string, Actor>;
type Who = keyof typeof actors;
const everyone = Object.keys(actors) as Who[];

/** Allowed actions per actor; an actor not listed may do nothing. */
type Table<A extends string> = Partial<Record<Who, A[]>>;

function check<S extends Subject>(
	subject: S,
	actions: readonly Actions[S['type']][],
	table: Table<Actions[S['type']]>
) {
	for (const who of everyone) {
		const allowed = table[who] ?? [];
		for (const action of actions) {
			expect(can(actors[who], action, subject), `${who} ${action} ${JSON.stringify(subject)}`).toBe(
				allowed.includes(action)
			);
		}
	}
}

const sessionActions = ['open', 'contribute', 'facilitate', 'export', 'publish'] as const;
const session = (locked: boolean, place: Extract<Subject, { type: 'session' }>['place']) =>
	({ type: 'session', sessionId: SESSION, locked, place }) as const;
const PARTICIPANT = { isFacilitator: false, excused: false, removed: false };
const FACILITATOR = { ...PARTICIPANT, isFacilitator: true };
const EXCUSED = { ...PARTICIPANT, excused: true };
const REMOVED = { ...PARTICIPANT, removed: true };

describe('can: workspace', () => {
	it('lets members read, admins manage members and mail, facilitators facilitate, editors edit, leadership see reach', () => {
		check(
			{ type: 'workspace' },
			['read', 'manageMembers', 'facilitate', 'editContent', 'seeReach', 'readMail', 'manageMail'],
			{
				admin: [
					'read',
					'manageMembers',
					'facilitate',
					'editContent',
					'seeReach',
					'readMail',
					'manageMail'
				],
				facilitator: ['read', 'facilitate', 'editContent', 'seeReach'],
				member: ['read', 'editContent'],
				reader: ['read']
			}
		);
	});
});

describe('can: session', () => {
	it('for plain participants of an open session (an admin or facilitator among them is a participant)', () => {
		check(session(false, PARTICIPANT), sessionActions, {
			admin: ['open', 'contribute', 'export', 'publish'],
			facilitator: ['open', 'contribute'],
			member: ['open', 'contribute'],
			reader: ['open'],
			guest: ['open', 'contribute']
		});
	});

	it('for participants of a locked session: nobody but a facilitator writes', () => {
		check(session(true, PARTICIPANT), sessionActions, {
			admin: ['open', 'export', 'publish'],
			facilitator: ['open'],
			member: ['open'],
			reader: ['open'],
			guest: ['open']
		});
	});

	it("for the session's own facilitator (a reader with the flag facilitates nothing)", () => {
		check(session(false, FACILITATOR), sessionActions, {
			admin: ['open', 'contribute', 'facilitate', 'export', 'publish'],
			facilitator: ['open', 'contribute', 'facilitate', 'export', 'publish'],
			member: ['open', 'contribute', 'facilitate', 'export', 'publish'],
			reader: ['open'],
			guest: ['open', 'contribute']
		});
	});

	it('for members who are not participants: only facilitating roles get in, as facilitators (a guest without their row: nothing)', () => {
		check(session(true, null), sessionActions, {
			admin: ['open', 'contribute', 'facilitate', 'export', 'publish'],
			facilitator: ['open', 'contribute', 'facilitate']
		});
	});

	it('for excused participants: they open and read, and write nothing until brought back', () => {
		check(session(false, EXCUSED), sessionActions, {
			admin: ['open', 'export', 'publish'],
			facilitator: ['open'],
			member: ['open'],
			reader: ['open'],
			guest: ['open']
		});
	});

	it('for removed participants (guests the facilitator removed): nobody even opens the session', () => {
		check(session(false, REMOVED), sessionActions, {});
	});
});

describe('can: portraits, maps, touchpoints, publications', () => {
	it('portraits: members read, editors edit and manage, linked guests read and edit', () => {
		const actions = ['read', 'edit', 'manage'] as const;
		const editor: Actions['portrait'][] = ['read', 'edit', 'manage'];
		const members = {
			admin: editor,
			facilitator: editor,
			member: editor,
			reader: ['read' as const]
		};
		check({ type: 'portrait', linkedToGuestSession: false }, actions, members);
		check({ type: 'portrait', linkedToGuestSession: true }, actions, {
			...members,
			guest: ['read', 'edit'],
			otherGuest: ['read', 'edit']
		});
	});

	it('maps: a lock stops every edit; facilitators manage; linked guests edit while unlocked; members see measured levels, guests never', () => {
		const actions = ['read', 'edit', 'manage', 'editTouchpoints', 'seeMeasured'] as const;
		check({ type: 'map', locked: false, linkedToGuestSession: true }, actions, {
			admin: ['read', 'edit', 'manage', 'editTouchpoints', 'seeMeasured'],
			facilitator: ['read', 'edit', 'manage', 'editTouchpoints', 'seeMeasured'],
			member: ['read', 'edit', 'editTouchpoints', 'seeMeasured'],
			reader: ['read', 'seeMeasured'],
			guest: ['read', 'edit'],
			otherGuest: ['read', 'edit']
		});
		check({ type: 'map', locked: true, linkedToGuestSession: false }, actions, {
			admin: ['read', 'manage', 'editTouchpoints', 'seeMeasured'],
			facilitator: ['read', 'manage', 'editTouchpoints', 'seeMeasured'],
			member: ['read', 'editTouchpoints', 'seeMeasured'],
			reader: ['read', 'seeMeasured']
		});
	});

	it('touchpoints and publications', () => {
		check({ type: 'touchpoint' }, ['read', 'edit'], {
			admin: ['read', 'edit'],
			facilitator: ['read', 'edit'],
			member: ['read', 'edit'],
			reader: ['read']
		});
		check({ type: 'publication' }, ['read', 'acknowledge'], {
			admin: ['read', 'acknowledge'],
			facilitator: ['read', 'acknowledge'],
			member: ['read', 'acknowledge'],
			reader: ['read', 'acknowledge']
		});
	});
});

describe('roomRight', () => {
	it('gives write for the write action, read for the read action, else nothing', () => {
		const open = session(false, PARTICIPANT);
		const rights = { write: 'contribute', read: 'open' } as const;
		expect(roomRight(actors.member, open, rights)).toBe('write');
		expect(roomRight(actors.reader, open, rights)).toBe('read');
		expect(roomRight(actors.member, session(true, PARTICIPANT), rights)).toBe('read');
		expect(roomRight(actors.removed, open, rights)).toBeNull();
		expect(roomRight(actors.otherGuest, open, rights)).toBeNull();
	});
});
