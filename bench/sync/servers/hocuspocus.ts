// Hocuspocus 3 with its Database extension on the same Postgres (one row of full state per
// document, upserted on each debounced store), plus GET /stats: documents in memory and the
// longest time a change waited before the store that included it finished. Env: PORT, DATABASE_URL.
import { createServer } from 'node:http';
import { Hocuspocus } from '@hocuspocus/server';
import { WebSocketServer } from 'ws';
import { Database } from '@hocuspocus/extension-database';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL ?? '', { max: 10, onnotice: () => {} });
await sql`create table if not exists hocuspocus_documents (name text primary key, data bytea not null)`;

/** When each document first changed since its last completed store. */
const dirtySince = new Map<string, number>();
let maxUnsavedMs = 0;
let stores = 0;

const hocuspocus = new Hocuspocus({
	quiet: true,
	extensions: [
		new Database({
			fetch: async ({ documentName }) => {
				const [row] = await sql<
					{ data: Buffer }[]
				>`select data from hocuspocus_documents where name = ${documentName}`;
				return row ? new Uint8Array(row.data) : null;
			},
			store: async ({ documentName, state }) => {
				const startedFor = dirtySince.get(documentName);
				dirtySince.delete(documentName);
				await sql`insert into hocuspocus_documents (name, data) values (${documentName}, ${Buffer.from(state)})
					on conflict (name) do update set data = excluded.data`;
				stores++;
				if (startedFor !== undefined)
					maxUnsavedMs = Math.max(maxUnsavedMs, performance.now() - startedFor);
			}
		})
	],
	onChange({ documentName }) {
		if (!dirtySince.has(documentName)) dirtySince.set(documentName, performance.now());
		return Promise.resolve();
	}
});

const http = createServer((request, response) => {
	if (request.url !== '/stats') return void response.writeHead(404).end();
	const stats = {
		rooms: hocuspocus.getDocumentsCount(),
		maxUnsavedMs,
		pendingDocuments: dirtySince.size,
		stores
	};
	response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
});
// Same transport as ours: ws 8 in noServer mode on our own http server.
const wss = new WebSocketServer({ noServer: true });
http.on('upgrade', (request, socket, head) => {
	wss.handleUpgrade(request, socket, head, (ws) => hocuspocus.handleConnection(ws, request));
});
http.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
process.once('SIGTERM', () => process.exit(0));
