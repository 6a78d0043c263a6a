// `node --import tsx bench/voice/latency-check.ts`: why bench/voice/run.ts takes its percentiles
// itself. A loopback server answers after a set delay (1 answer in 150 after 150 ms, the others
// after 10 ms) under the voice bench's load (200 answers/s from 20 connections); autocannon's
// percentiles are set against the answers', and its sample count against the sum of the answers'
// response times in ms: they match, since it records an answer of n ms as n samples.
import { createServer } from 'node:http';
import autocannon from 'autocannon';

const server = createServer((_request, response) => {
	served += 1;
	setTimeout(() => response.end('ok'), served % 150 === 0 ? 150 : 10);
});
let served = 0;
await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;
const times: number[] = [];
const run = autocannon({
	url: `http://127.0.0.1:${port}/`,
	connections: 20,
	overallRate: 200,
	duration: Number(process.env.BENCH_SECONDS ?? 10)
});
run.on('response', (_client, _status, _bytes, ms) => times.push(ms));
const result = await run;
server.close();
times.sort((a, b) => a - b);
const at = (share: number) => times[Math.ceil(times.length * share) - 1];
console.log(
	JSON.stringify({
		answers: times.length,
		answersP50Ms: at(0.5),
		answersP99Ms: at(0.99),
		autocannonP50Ms: result.latency.p50,
		autocannonP99Ms: result.latency.p99,
		autocannonSamples: result.latency.totalCount,
		sumOfAnswerMs: Math.round(times.reduce((sum, ms) => sum + ms, 0))
	})
);
