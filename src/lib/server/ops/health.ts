// Liveness and readiness. `/healthz` says the process answers; `/readyz` says it should be sent
// traffic: every registered check passes (the database; Redis when the app has a client) and the
// process is not draining for a shutdown.

/** One dependency readiness waits on; throws (or rejects) when it is not reachable. */
export type ReadinessCheck = { name: string; check: () => Promise<unknown> };

/** What `/readyz` reports. */
export type Readiness = { ready: boolean; draining: boolean; failed: string[] };

/** How long one check may take before it counts as failed. */
const CHECK_TIMEOUT_MS = 2_000;

/** The readiness checks of this process, and whether it is draining. */
export class ReadinessProbe {
	readonly #checks: ReadinessCheck[] = [];
	#draining = false;

	/** Adds a dependency (the composition root registers the database; the Redis bus its client). */
	register(check: ReadinessCheck): void {
		this.#checks.push(check);
	}

	/** True from the start of a drain: readiness fails at once, whatever the checks say. */
	get draining(): boolean {
		return this.#draining;
	}

	startDraining(): void {
		this.#draining = true;
	}

	async probe(): Promise<Readiness> {
		if (this.#draining) return { ready: false, draining: true, failed: [] };
		const results = await Promise.all(
			this.#checks.map(({ name, check }) => passes(check).then((ok) => ({ name, ok })))
		);
		const failed = results.filter(({ ok }) => !ok).map(({ name }) => name);
		return { ready: failed.length === 0 && !this.#draining, draining: this.#draining, failed };
	}
}

async function passes(check: () => Promise<unknown>): Promise<boolean> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const expired = new Promise<false>((resolve) => {
		timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
	});
	try {
		return await Promise.race([check().then(() => true), expired]);
	} catch {
		return false;
	} finally {
		clearTimeout(timer);
	}
}

const NO_STORE = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/** `/healthz`: the process answers. */
export function healthResponse(): Response {
	return new Response(JSON.stringify({ status: 'ok' }), { headers: NO_STORE });
}

/** `/readyz`: 200 when ready, 503 with "draining" or the failed checks' names otherwise. */
export async function readinessResponse(probe: ReadinessProbe): Promise<Response> {
	const { ready, draining, failed } = await probe.probe();
	const status = ready ? 'ready' : draining ? 'draining' : 'unavailable';
	return new Response(JSON.stringify({ status, failed }), {
		status: ready ? 200 : 503,
		headers: NO_STORE
	});
}
