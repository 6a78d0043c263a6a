// The live-session stream of one process: what changed in a session, told to its open screens,
// and who has a screen open. The `Events` port's implementation when the app runs as one process.
import type { SessionTopic } from '$lib/sessions/types';
import type { Events, SessionListener } from '../ports';

export class LocalSessionEvents implements Events {
	#listeners = new Map<string, Set<SessionListener>>();
	/** Open live connections per session and participant (a person may have several tabs). */
	#present = new Map<string, Map<string, number>>();

	publish(sessionId: string, topic: SessionTopic): void {
		for (const listener of this.#listeners.get(sessionId) ?? []) listener(topic);
	}

	subscribe(sessionId: string, listener: SessionListener): () => void {
		let set = this.#listeners.get(sessionId);
		if (!set) this.#listeners.set(sessionId, (set = new Set()));
		set.add(listener);
		return () => {
			set.delete(listener);
			// Only drop the entry if it is still this set; a later subscriber may have replaced it.
			if (!set.size && this.#listeners.get(sessionId) === set) this.#listeners.delete(sessionId);
		};
	}

	trackPresence(sessionId: string, participantId: string): () => void {
		let counts = this.#present.get(sessionId);
		if (!counts) this.#present.set(sessionId, (counts = new Map<string, number>()));
		const before = counts.get(participantId) ?? 0;
		counts.set(participantId, before + 1);
		if (before === 0) this.publish(sessionId, 'presence');
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const left = (counts.get(participantId) ?? 1) - 1;
			if (left > 0) counts.set(participantId, left);
			else {
				counts.delete(participantId);
				if (!counts.size) this.#present.delete(sessionId);
				this.publish(sessionId, 'presence');
			}
		};
	}

	presentParticipants(sessionId: string): Promise<Set<string>> {
		return Promise.resolve(new Set(this.#present.get(sessionId)?.keys() ?? []));
	}
}
