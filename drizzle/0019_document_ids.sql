CREATE TABLE "documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	CONSTRAINT "documents_name_unique" UNIQUE("name")
);
--> statement-breakpoint
-- Every document that has a log or a snapshot gets an id; its rows then refer to it by that id.
INSERT INTO "documents" ("name")
	SELECT "doc_name" FROM "ydoc_updates" UNION SELECT "doc_name" FROM "ydoc_snapshots" ORDER BY 1;--> statement-breakpoint
DROP INDEX "ydoc_updates_doc_idx";--> statement-breakpoint
ALTER TABLE "ydoc_snapshots" DROP CONSTRAINT "ydoc_snapshots_pkey";--> statement-breakpoint
ALTER TABLE "ydoc_snapshots" ADD COLUMN "doc_id" integer;--> statement-breakpoint
UPDATE "ydoc_snapshots" SET "doc_id" = "documents"."id" FROM "documents" WHERE "documents"."name" = "ydoc_snapshots"."doc_name";--> statement-breakpoint
ALTER TABLE "ydoc_snapshots" ALTER COLUMN "doc_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "ydoc_snapshots" ADD PRIMARY KEY ("doc_id");--> statement-breakpoint
ALTER TABLE "ydoc_updates" ADD COLUMN "doc_id" integer;--> statement-breakpoint
UPDATE "ydoc_updates" SET "doc_id" = "documents"."id" FROM "documents" WHERE "documents"."name" = "ydoc_updates"."doc_name";--> statement-breakpoint
ALTER TABLE "ydoc_updates" ALTER COLUMN "doc_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "ydoc_updates_doc_idx" ON "ydoc_updates" USING btree ("doc_id","id");--> statement-breakpoint
ALTER TABLE "ydoc_snapshots" DROP COLUMN "doc_name";--> statement-breakpoint
ALTER TABLE "ydoc_updates" DROP COLUMN "doc_name";
