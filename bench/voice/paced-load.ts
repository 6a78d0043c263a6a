// A steady load as customers make it: answers arrive one every 1000/rate ms, on the clock, whether or
// not the earlier ones have been answered (an open loop, as wrk2 drives one). autocannon's set rate is
// not that: it sends each connection's share of a second's answers at the start of the second, one
// after another, so 200 answers/s arrive as one burst of 200 every second.
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** The n-th answer's form body: the levels in turn, a rating, and a comment in Russian. */
export function answerBody(n: number): string {
	const level = ['below', 'indifferent', 'meets', 'exceeds'][n % 4];
	const comment = encodeURIComponent('Ответили быстро, записали сразу.');
	return `level=${level}&rating_availability=${1 + (n % 5)}&comment=${comment}`;
}

/** The n-th answer's client address: another one for every answer, as on a counter card. */
export function clientAddress(n: number): string {
	return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export type PacedResult = {
	/** Answers per second, over the time from the first answer due to the last one answered. */
	answersPerSecond: number;
	/** Each answer's time from when it was due to be sent to the end of its response, in ms. */
	times: number[];
	non2xx: number;
	errors: number;
};

function post(agent: Agent, url: URL, n: number): Promise<number> {
	const body = answerBody(n);
	return new Promise((done, fail) => {
		const outgoing = request(
			url,
			{
				method: 'POST',
				agent,
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body),
					origin: url.origin,
					'x-forwarded-for': clientAddress(n)
				}
			},
			(response) => {
				response.resume();
				response.on('end', () => done(response.statusCode ?? 0));
				response.on('error', fail);
			}
		);
		outgoing.on('error', fail);
		outgoing.end(body);
	});
}

/**
 * Posts `rate` answers a second for `seconds` over at most `connections` keep-alive connections. An
 * answer due while every connection is busy waits for one, and that wait counts in its time: a
 * server that stalls is charged for every answer it held back (no coordinated omission).
 */
export async function pacedLoad(
	url: URL,
	rate: number,
	seconds: number,
	connections: number,
	firstAnswer = 0
): Promise<PacedResult> {
	const agent = new Agent({ keepAlive: true, maxSockets: connections });
	const gapMs = 1000 / rate;
	const total = Math.round(rate * seconds);
	const times: number[] = [];
	let non2xx = 0;
	let errors = 0;
	const answered: Promise<void>[] = [];
	const start = performance.now();
	for (let index = 0; index < total; index += 1) {
		const due = start + index * gapMs;
		const early = due - performance.now();
		if (early >= 1) await sleep(early);
		answered.push(
			post(agent, url, firstAnswer + index).then(
				(status) => {
					times.push(performance.now() - due);
					if (status < 200 || status >= 300) non2xx += 1;
				},
				() => {
					errors += 1;
				}
			)
		);
	}
	await Promise.all(answered);
	const elapsedSeconds = (performance.now() - start) / 1000;
	agent.destroy();
	return {
		answersPerSecond: Math.round(times.length / elapsedSeconds),
		times,
		non2xx,
		errors
	};
}
