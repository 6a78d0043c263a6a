// Control requests to every instance: one asks on the shared control channel, each of the others
// runs the named handler and answers on the asker's own channel. The asker knows how many heard
// the request (Redis says so when it publishes) and waits for that many answers, or a deadline.
import { randomUUID } from 'node:crypto';
import type { Bus } from './bus';

const CONTROL = 'control';
const ANSWER_TIMEOUT_MS = 5_000;

type Request = { kind: 'request'; id: string; name: string; args: unknown; replyTo: string };
type Answer = { kind: 'answer'; id: string; result: unknown; error?: string };

/** Runs a request on this instance; its result goes back to the asker as JSON. */
export type ControlHandler = (args: unknown) => Promise<unknown>;

/** Where a failure is reported. */
type ControlLog = { warn(message: string, error?: unknown): void };

/** Asks every other instance to do something, and serves their requests. */
export type ClusterControl = {
	/** Registers the handler of `name` on this instance. */
	handle(name: string, handler: ControlHandler): void;
	/** Runs `name` on every other instance; resolves with their results (fewer if some did not answer in time). */
	ask(name: string, args: unknown): Promise<unknown[]>;
	/** Stops listening. */
	close(): void;
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function parse(message: Uint8Array): Request | Answer | null {
	let value: unknown;
	try {
		value = JSON.parse(decoder.decode(message));
	} catch {
		return null;
	}
	if (typeof value !== 'object' || value === null || !('id' in value) || !('kind' in value))
		return null;
	const { id, kind } = value;
	if (typeof id !== 'string') return null;
	if (kind === 'answer') {
		const result = 'result' in value ? value.result : null;
		return { kind, id, result };
	}
	if (kind !== 'request' || !('name' in value) || !('replyTo' in value)) return null;
	const { name, replyTo } = value;
	if (typeof name !== 'string' || typeof replyTo !== 'string') return null;
	return { kind, id, name, replyTo, args: 'args' in value ? value.args : null };
}

/** Control over `bus`; resolves once it listens. */
export async function startClusterControl(bus: Bus, log: ControlLog): Promise<ClusterControl> {
	const handlers = new Map<string, ControlHandler>();
	const waiting = new Map<string, { results: unknown[]; expected: number; done: () => void }>();
	const ownChannel = `instance:${bus.instanceId}`;

	async function serve(request: Request): Promise<void> {
		const handler = handlers.get(request.name);
		let answer: Answer;
		try {
			if (!handler) throw new Error(`no handler for ${request.name}`);
			answer = { kind: 'answer', id: request.id, result: await handler(request.args) };
		} catch (error) {
			log.warn(`control request ${request.name} failed here`, error);
			answer = { kind: 'answer', id: request.id, result: null, error: String(error) };
		}
		await bus
			.publish(`instance:${request.replyTo}`, encoder.encode(JSON.stringify(answer)))
			.catch((error: unknown) => log.warn('answering a control request failed', error));
	}

	await bus.subscribe(CONTROL, (message) => {
		const request = parse(message);
		if (request?.kind === 'request') void serve(request);
	});
	await bus.subscribe(ownChannel, (message) => {
		const answer = parse(message);
		if (answer?.kind !== 'answer') return;
		const entry = waiting.get(answer.id);
		if (!entry) return;
		entry.results.push(answer.result);
		if (entry.results.length >= entry.expected) entry.done();
	});

	return {
		handle(name, handler) {
			handlers.set(name, handler);
		},
		async ask(name, args) {
			const id = randomUUID();
			const request: Request = { kind: 'request', id, name, args, replyTo: bus.instanceId };
			const results: unknown[] = [];
			let done = () => {};
			const answered = new Promise<void>((resolve) => (done = resolve));
			const entry = { results, expected: Number.POSITIVE_INFINITY, done };
			waiting.set(id, entry);
			let timer: ReturnType<typeof setTimeout> | undefined;
			try {
				// Everyone listening on the control channel heard it, this instance too.
				const heard = await bus.publish(CONTROL, encoder.encode(JSON.stringify(request)));
				entry.expected = heard - 1;
				if (results.length >= entry.expected) return results;
				const expired = new Promise<void>((resolve) => {
					timer = setTimeout(resolve, ANSWER_TIMEOUT_MS);
				});
				await Promise.race([answered, expired]);
				if (results.length < entry.expected)
					log.warn(`${name}: ${entry.expected - results.length} instances did not answer in time`);
				return results;
			} finally {
				clearTimeout(timer);
				waiting.delete(id);
			}
		},
		close() {
			bus.unsubscribe(CONTROL);
			bus.unsubscribe(ownChannel);
		}
	};
}
