import { bigint, bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './types';

/**
 * Every stored Yjs document by its room name; log and snapshot rows refer to it by `id`, so a log
 * row carries 4 bytes of document instead of its ~85-character name (in the row and its index).
 */
export const documents = pgTable('documents', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	name: text('name').notNull().unique()
});

/**
 * Append-only log of Yjs updates per document, written before an update is broadcast. Every read
 * and delete names one document, so the only index is on `doc_id` (B-tree deduplication keeps it
 * at about 8 bytes a row); a document's rows, a few hundred until compaction, are sorted by `id`
 * (drawn from the sequence, unique) when read. No primary key: nothing looks a row up by `id`.
 */
export const ydocUpdates = pgTable(
	'ydoc_updates',
	{
		id: bigserial('id', { mode: 'number' }).notNull(),
		docId: integer('doc_id').notNull(),
		update: bytea('update').notNull()
	},
	(t) => [index('ydoc_updates_doc_idx').on(t.docId)]
);

/** Compacted state of a document: every logged update up to and including `lastUpdateId`. */
export const ydocSnapshots = pgTable('ydoc_snapshots', {
	docId: integer('doc_id').primaryKey(),
	state: bytea('state').notNull(),
	lastUpdateId: bigint('last_update_id', { mode: 'number' }).notNull(),
	byteSize: integer('byte_size').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
