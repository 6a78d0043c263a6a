// The part of autocannon's API the reader and voice benchmarks use (the package ships no types).
declare module 'autocannon' {
	type Histogram = {
		average: number;
		mean: number;
		stddev: number;
		min: number;
		max: number;
		p50: number;
		p90: number;
		p99: number;
	};
	export type Result = {
		requests: Histogram & { total: number; sent: number };
		/** Under a set rate autocannon 8 records an answer of n ms as about n samples (see bench/voice/run.ts). */
		latency: Histogram & { totalCount: number };
		throughput: Histogram;
		errors: number;
		timeouts: number;
		non2xx: number;
		duration: number;
	};
	export type Options = {
		url: string;
		connections?: number;
		duration?: number;
		pipelining?: number;
		headers?: Record<string, string>;
		method?: string;
		body?: string;
		overallRate?: number;
		requests?: Array<{ setupRequest?: (request: Request) => Request }>;
	};
	/** A request as setupRequest sees and returns it. */
	export type Request = {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string;
	};
	/** A running load: its result once done, and each response as it comes. */
	export type Instance = Promise<Result> & {
		on(
			event: 'response',
			listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void
		): void;
	};
	export default function autocannon(options: Options): Instance;
}
