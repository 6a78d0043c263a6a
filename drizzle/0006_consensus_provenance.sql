ALTER TABLE "consensus_rounds" ADD COLUMN "provenance" jsonb;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "provenance" jsonb;--> statement-breakpoint
ALTER TABLE "session_participants" ADD COLUMN "reclaim_token_hash" text;--> statement-breakpoint
ALTER TABLE "session_participants" ADD COLUMN "reclaim_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "session_participants" ADD CONSTRAINT "session_participants_reclaim_token_hash_unique" UNIQUE("reclaim_token_hash");