-- A log row drops what nothing reads: the primary key on "id" (every read and delete names one
-- document) and "created_at"; the (doc_id, id) index becomes one on "doc_id", which B-tree
-- deduplication stores in about 8 bytes a row. Rows keep their ids, so their order is unchanged.
ALTER TABLE "ydoc_updates" DROP CONSTRAINT "ydoc_updates_pkey";--> statement-breakpoint
DROP INDEX "ydoc_updates_doc_idx";--> statement-breakpoint
CREATE INDEX "ydoc_updates_doc_idx" ON "ydoc_updates" USING btree ("doc_id");--> statement-breakpoint
ALTER TABLE "ydoc_updates" DROP COLUMN "created_at";
