// Measurements: latency samples, delivery accounting (for drops), and CPU and memory of
// processes read from /proc (Linux), so servers in child processes are measured from outside.
import { readdirSync, readFileSync } from 'node:fs';

/** Latency samples in milliseconds. */
export class Samples {
	#values: number[] = [];

	/** Adds one sample. */
	add(ms: number): void {
		this.#values.push(ms);
	}

	/** Number of samples. */
	get count(): number {
		return this.#values.length;
	}

	/** The p-th percentile (0–100), or null without samples. */
	percentile(p: number): number | null {
		if (this.#values.length === 0) return null;
		const sorted = [...this.#values].sort((a, b) => a - b);
		const index = Math.min(
			sorted.length - 1,
			Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)
		);
		return round(sorted[index]);
	}

	/** Drops all samples. */
	clear(): void {
		this.#values = [];
	}
}

/** Rounds to two decimals for the report. */
export function round(value: number, decimals = 2): number {
	const factor = 10 ** decimals;
	return Math.round(value * factor) / factor;
}

/** Sent updates and who has received them, keyed by the update's first (client, clock). */
export class DeliveryLedger {
	#pending = new Map<string, { sentAt: number; expected: number }>();
	sent = 0;
	/** Bytes of update payloads sent. */
	sentBytes = 0;
	expected = 0;
	delivered = 0;
	/** Deliveries that were not expected (echoes to the sender are not counted here). */
	unexpected = 0;

	/** Notes an update sent at `sentAt` that `recipients` other clients should receive. */
	sentUpdate(key: string, sentAt: number, recipients: number): void {
		this.sent++;
		this.expected += recipients;
		if (recipients > 0) this.#pending.set(key, { sentAt, expected: recipients });
	}

	/** Notes a delivery; returns its latency, or null when the update is unknown. */
	receive(key: string, now: number): number | null {
		const entry = this.#pending.get(key);
		if (!entry) {
			this.unexpected++;
			return null;
		}
		this.delivered++;
		entry.expected--;
		if (entry.expected === 0) this.#pending.delete(key);
		return now - entry.sentAt;
	}

	/** Forgets everything (between saturation steps). */
	reset(): void {
		this.#pending.clear();
		this.sent = 0;
		this.sentBytes = 0;
		this.expected = 0;
		this.delivered = 0;
		this.unexpected = 0;
	}

	/** Deliveries still missing. */
	get missing(): number {
		return this.expected - this.delivered;
	}
}

/** CPU time (user + system, ms) and resident memory (bytes) of a process. */
export function processUsage(pid: number): {
	cpuMs: number;
	rssBytes: number;
	peakRssBytes: number;
} {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// Fields 14 and 15 of stat (utime, stime) in clock ticks of 10 ms.
	const cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kib = (key: string) =>
		Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
	return { cpuMs, rssBytes: kib('VmRSS'), peakRssBytes: kib('VmHWM') };
}

/** CPU time (ms) of every process named `postgres` (the database's share of the work). */
export function postgresCpuMs(): number {
	let total = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			if (!stat.includes('(postgres)')) continue;
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			total += (Number(fields[11]) + Number(fields[12])) * 10;
		} catch {
			// The process ended while we looked.
		}
	}
	return total;
}

/** CPU time (ms) this process has used. */
export function ownCpuMs(): number {
	const usage = process.cpuUsage();
	return (usage.user + usage.system) / 1000;
}
