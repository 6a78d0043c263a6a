import type { Anonymity, Stage, StageKey } from './stages';

/** What changed in a session, so each open screen refetches only its part. */
export type SessionTopic = 'session' | 'presence' | StageKey;

/** A participant as every screen lists them (a removed guest is no longer listed). */
export type ParticipantStatus = {
	id: string;
	name: string;
	online: boolean;
	done: boolean;
	isFacilitator: boolean;
	isGuest: boolean;
	/** Excused by the facilitator: reads along, is not waited for, is not counted. */
	excused: boolean;
};

/** The viewer themself. */
export type MyStatus = {
	participantId: string;
	name: string;
	isFacilitator: boolean;
	isGuest: boolean;
	done: boolean;
};

/** The state every screen of a session shows, as one actor may see it. */
export type SessionCore = {
	id: string;
	workspaceId: string;
	title: string;
	goal: string;
	scheduledOn: string | null;
	stages: Stage[];
	currentStage: StageKey;
	anonymity: Anonymity;
	locked: boolean;
	revealed: boolean;
	timer: { endsAt: string | null; remainingMs: number | null; running: boolean };
	/** Only the facilitator receives the guest code. */
	guestCode: string | null;
	revision: number;
	serverTime: string;
	participants: ParticipantStatus[];
	me: MyStatus;
};
