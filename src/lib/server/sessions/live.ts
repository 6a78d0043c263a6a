import type { SessionTopic } from '$lib/sessions/types';

type Listener = (topic: SessionTopic) => void;

const listeners = new Map<string, Set<Listener>>();
/** Open live connections per session and participant (a person may have several tabs). */
const present = new Map<string, Map<string, number>>();

/** Tells every open screen of a session that `topic` changed. */
export function publish(sessionId: string, topic: SessionTopic): void {
	for (const listener of listeners.get(sessionId) ?? []) listener(topic);
}

/** Listens to a session's changes; returns the function that stops listening. */
export function subscribe(sessionId: string, listener: Listener): () => void {
	let set = listeners.get(sessionId);
	if (!set) listeners.set(sessionId, (set = new Set()));
	set.add(listener);
	return () => {
		set.delete(listener);
		// Only drop the entry if it is still this set; a later subscriber may have replaced it.
		if (!set.size && listeners.get(sessionId) === set) listeners.delete(sessionId);
	};
}

/** Marks a participant present while a live connection is open; returns the release. */
export function trackPresence(sessionId: string, participantId: string): () => void {
	let counts = present.get(sessionId);
	if (!counts) present.set(sessionId, (counts = new Map()));
	const before = counts.get(participantId) ?? 0;
	counts.set(participantId, before + 1);
	if (before === 0) publish(sessionId, 'presence');
	let released = false;
	return () => {
		if (released) return;
		released = true;
		const left = (counts.get(participantId) ?? 1) - 1;
		if (left > 0) counts.set(participantId, left);
		else {
			counts.delete(participantId);
			if (!counts.size) present.delete(sessionId);
			publish(sessionId, 'presence');
		}
	};
}

/** Ids of the participants with a live connection to the session now. */
export function presentParticipants(sessionId: string): Set<string> {
	return new Set(present.get(sessionId)?.keys() ?? []);
}
