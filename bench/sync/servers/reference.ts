// The reference y-websocket server (@y/websocket-server 0.1.1) as its own server.js runs it, with
// its bundled ws and persistence off, plus GET /stats (documents in memory). Env: PORT.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { docs, setupWSConnection } from '@y/websocket-server/utils';
import type { WebSocketServer as ReferenceServer } from 'ws';

// server.js resolves `ws` from the package itself; so do we.
const requireFromReference = createRequire(import.meta.resolve('@y/websocket-server/utils'));
const { Server: WebSocketServer } = requireFromReference('ws') as {
	Server: typeof ReferenceServer;
};
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
const http = createServer((request, response) => {
	if (request.url !== '/stats') return void response.writeHead(404).end();
	response
		.writeHead(200, { 'content-type': 'application/json' })
		.end(JSON.stringify({ rooms: docs.size }));
});
http.on('upgrade', (request, socket, head) => {
	wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
http.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
process.once('SIGTERM', () => process.exit(0));
