import { bigserial, index, integer, pgTable, text, timestamp, bigint } from 'drizzle-orm/pg-core';
import { bytea } from './types';

/** Append-only log of Yjs updates per document, written before an update is broadcast. */
export const ydocUpdates = pgTable(
	'ydoc_updates',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		docName: text('doc_name').notNull(),
		update: bytea('update').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('ydoc_updates_doc_idx').on(t.docName, t.id)]
);

/** Compacted state of a document: every logged update up to and including `lastUpdateId`. */
export const ydocSnapshots = pgTable('ydoc_snapshots', {
	docName: text('doc_name').primaryKey(),
	state: bytea('state').notNull(),
	lastUpdateId: bigint('last_update_id', { mode: 'number' }).notNull(),
	byteSize: integer('byte_size').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
