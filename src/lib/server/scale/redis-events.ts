// The `Events` port when instances share sessions: a change is told to this instance's screens at
// once and to the others over the bus; who is present is a shared set with an expiry per entry,
// renewed while the screen stays open, so an instance that dies stops counting its screens.
import { isStageKey } from '$lib/sessions/stages';
import type { SessionTopic } from '$lib/sessions/types';
import type { Events } from '../ports';
import { LocalSessionEvents } from '../sessions/live';
import type { Bus } from './bus';

const CHANNEL = 'session-events';
/** A present entry lives this long unless renewed. */
const PRESENCE_TTL_MS = 30_000;
const RENEW_EVERY_MS = 10_000;

/** Where a failure is reported. */
type EventsLog = { warn(message: string, error?: unknown): void };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function isTopic(value: unknown): value is SessionTopic {
	if (value === 'session' || value === 'presence') return true;
	return isStageKey(value);
}

function presenceKey(sessionId: string): string {
	return `presence:${sessionId}`;
}

/** The live-session stream shared by every instance on `bus`; resolves once it listens. */
export async function startBusSessionEvents(
	bus: Bus,
	log: EventsLog
): Promise<Events & { close(): void }> {
	const local = new LocalSessionEvents();
	/** Participants with a screen open here, by session, and how many screens. */
	const here = new Map<string, Map<string, number>>();
	let warned = false;
	const warnOnce = (message: string, error: unknown) => {
		if (warned) return;
		warned = true;
		log.warn(message, error);
	};

	function publish(sessionId: string, topic: SessionTopic): void {
		local.publish(sessionId, topic);
		bus
			.publish(CHANNEL, encoder.encode(JSON.stringify([sessionId, topic])))
			.then(() => (warned = false))
			.catch((error: unknown) => warnOnce('publishing a session event failed', error));
	}

	await bus.subscribe(CHANNEL, (message) => {
		try {
			const value: unknown = JSON.parse(decoder.decode(message));
			if (!Array.isArray(value) || value.length !== 2) return;
			const [sessionId, topic] = value as unknown[];
			if (typeof sessionId === 'string' && isTopic(topic)) local.publish(sessionId, topic);
		} catch {
			log.warn('a malformed session event');
		}
	});

	const member = (participantId: string) => `${bus.instanceId}/${participantId}`;
	const announce = (sessionId: string, participantId: string) =>
		bus.setMember(presenceKey(sessionId), member(participantId), Date.now() + PRESENCE_TTL_MS);

	const renew = setInterval(() => {
		for (const [sessionId, counts] of here)
			for (const participantId of counts.keys())
				announce(sessionId, participantId).catch((error: unknown) =>
					warnOnce('renewing presence failed', error)
				);
	}, RENEW_EVERY_MS);
	renew.unref();

	return {
		publish,
		subscribe: (sessionId, listener) => local.subscribe(sessionId, listener),
		trackPresence(sessionId, participantId) {
			let counts = here.get(sessionId);
			if (!counts) here.set(sessionId, (counts = new Map<string, number>()));
			const before = counts.get(participantId) ?? 0;
			counts.set(participantId, before + 1);
			if (before === 0) {
				announce(sessionId, participantId)
					.catch((error: unknown) => warnOnce('announcing presence failed', error))
					.finally(() => publish(sessionId, 'presence'));
			}
			let released = false;
			return () => {
				if (released) return;
				released = true;
				const left = (counts.get(participantId) ?? 1) - 1;
				if (left > 0) return void counts.set(participantId, left);
				counts.delete(participantId);
				if (!counts.size && here.get(sessionId) === counts) here.delete(sessionId);
				bus
					.removeMember(presenceKey(sessionId), member(participantId))
					.catch((error: unknown) => warnOnce('withdrawing presence failed', error))
					.finally(() => publish(sessionId, 'presence'));
			};
		},
		async presentParticipants(sessionId) {
			const present = new Set(here.get(sessionId)?.keys() ?? []);
			try {
				for (const entry of await bus.members(presenceKey(sessionId))) {
					const slash = entry.indexOf('/');
					if (slash > 0) present.add(entry.slice(slash + 1));
				}
			} catch (error) {
				warnOnce('reading presence failed', error);
			}
			return present;
		},
		close() {
			clearInterval(renew);
			bus.unsubscribe(CHANNEL);
		}
	};
}
