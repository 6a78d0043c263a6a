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

/** Append-only log of Yjs updates per document, written before an update is broadcast. */
export const ydocUpdates = pgTable(
	'ydoc_updates',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		docId: integer('doc_id').notNull(),
		update: bytea('update').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('ydoc_updates_doc_idx').on(t.docId, t.id)]
);

/** Compacted state of a document: every logged update up to and including `lastUpdateId`. */
export const ydocSnapshots = pgTable('ydoc_snapshots', {
	docId: integer('doc_id').primaryKey(),
	state: bytea('state').notNull(),
	lastUpdateId: bigint('last_update_id', { mode: 'number' }).notNull(),
	byteSize: integer('byte_size').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
