ALTER TABLE "session_participants" ADD COLUMN "excused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "session_participants" ADD COLUMN "removed_at" timestamp with time zone;