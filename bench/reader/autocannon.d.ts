// The part of autocannon's API the reader benchmark uses (the package ships no types).
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
		latency: Histogram;
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
	export default function autocannon(options: Options): Promise<Result>;
}
