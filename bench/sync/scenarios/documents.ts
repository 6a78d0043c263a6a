// Documents for the scenarios that need stored content: built once per shape (text of
// pseudo-random words, so compression in the database is not flattered), and stored the way each
// server keeps them (ours: snapshot plus log; Hocuspocus: full state).
import * as Y from 'yjs';
import type { ScenarioContext } from './context';

/** A document as stored: the snapshot, the updates logged after it, and the full state. */
export type StoredShape = {
	snapshot: Uint8Array;
	updates: Uint8Array[];
	full: Uint8Array;
	textLength: number;
};

const built = new Map<string, StoredShape>();

function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

function sentence(random: () => number): string {
	const words = [];
	for (let i = 0; i < 12; i++) {
		const length = 3 + Math.floor(random() * 7);
		words.push(
			Array.from({ length }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('')
		);
	}
	return `${words.join(' ')}. `;
}

/** A document of about `size` bytes built from sentence inserts, then `edits` small edits logged one by one. */
export function buildDocument(size: number, edits: number): StoredShape {
	const key = `${size}:${edits}`;
	const cached = built.get(key);
	if (cached) return cached;
	const random = seeded(size);
	const doc = new Y.Doc();
	const text = doc.getText('text');
	let bytes = 0;
	while (bytes < size) {
		const line = sentence(random);
		text.insert(Math.floor(random() * (text.length + 1)), line);
		bytes += line.length + 12;
	}
	const snapshot = Y.encodeStateAsUpdate(doc);
	const updates: Uint8Array[] = [];
	const capture = (update: Uint8Array) => updates.push(update);
	doc.on('update', capture);
	for (let i = 0; i < edits; i++) text.insert(Math.floor(random() * (text.length + 1)), 'edit ');
	doc.off('update', capture);
	const shape = { snapshot, updates, full: Y.encodeStateAsUpdate(doc), textLength: text.length };
	built.set(key, shape);
	return shape;
}

/** Stores `shape` as `room` the way the server under test keeps documents. */
export async function storeDocument(
	context: ScenarioContext,
	room: string,
	shape: StoredShape
): Promise<void> {
	const { sql, server } = context;
	if (server.kind === 'hocuspocus') {
		await sql`insert into hocuspocus_documents (name, data) values (${room}, ${Buffer.from(shape.full)})`;
		return;
	}
	const [{ id }] = await sql<{ id: number }[]>`
		insert into documents (name) values (${room}) returning id`;
	await sql`insert into ydoc_snapshots (doc_id, state, last_update_id, byte_size)
		values (${id}, ${Buffer.from(shape.snapshot)}, 0, ${shape.snapshot.length})`;
	for (let i = 0; i < shape.updates.length; i += 1000) {
		const rows = shape.updates
			.slice(i, i + 1000)
			.map((update) => ({ doc_id: id, update: Buffer.from(update) }));
		await sql`insert into ydoc_updates ${sql(rows, 'doc_id', 'update')}`;
	}
}
