CREATE TYPE "public"."anonymity_mode" AS ENUM('off', 'partial', 'full');--> statement-breakpoint
CREATE TYPE "public"."consensus_answer" AS ENUM('accept', 'concern', 'object');--> statement-breakpoint
CREATE TABLE "acknowledgements" (
	"publication_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"acknowledged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "acknowledgements_uq" UNIQUE("publication_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "consensus_answers" (
	"round_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"answer" "consensus_answer" NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consensus_answers_uq" UNIQUE("round_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "consensus_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "criterion_checks" (
	"item_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "criterion_checks_uq" UNIQUE("item_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "draft_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "draft_versions_number_uq" UNIQUE("session_id","number")
);
--> statement-breakpoint
CREATE TABLE "own_definitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"role_tag" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "own_definitions_participant_uq" UNIQUE("session_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"session_id" uuid,
	"consensus_round_id" uuid,
	"session_title" text NOT NULL,
	"definition_html" text NOT NULL,
	"definition_text" text NOT NULL,
	"explanation" text NOT NULL,
	"rules" jsonb NOT NULL,
	"participants" jsonb NOT NULL,
	"consensus" jsonb NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publications_version_uq" UNIQUE("workspace_id","version")
);
--> statement-breakpoint
CREATE TABLE "session_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid,
	"guest_name" text,
	"guest_token_hash" text,
	"is_facilitator" boolean DEFAULT false NOT NULL,
	"done_stage" text,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_participants_guest_token_hash_unique" UNIQUE("guest_token_hash"),
	CONSTRAINT "session_participants_user_uq" UNIQUE("session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "strategy_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"title" text NOT NULL,
	"goal" text DEFAULT '' NOT NULL,
	"scheduled_on" date,
	"stages" jsonb NOT NULL,
	"current_stage" text DEFAULT 'definitions' NOT NULL,
	"anonymity" "anonymity_mode" DEFAULT 'partial' NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"definitions_revealed_at" timestamp with time zone,
	"timer_ends_at" timestamp with time zone,
	"timer_remaining_ms" integer,
	"guest_code" text,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_sessions_guest_code_unique" UNIQUE("guest_code")
);
--> statement-breakpoint
CREATE TABLE "vote_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"text" text NOT NULL,
	"position" integer NOT NULL,
	"is_winner" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"budget" integer DEFAULT 3 NOT NULL,
	"max_per_item" integer DEFAULT 2 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"round_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"dots" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "votes_item_participant_uq" UNIQUE("item_id","participant_id")
);
--> statement-breakpoint
ALTER TABLE "acknowledgements" ADD CONSTRAINT "acknowledgements_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acknowledgements" ADD CONSTRAINT "acknowledgements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consensus_answers" ADD CONSTRAINT "consensus_answers_round_id_consensus_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."consensus_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consensus_answers" ADD CONSTRAINT "consensus_answers_participant_id_session_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."session_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consensus_rounds" ADD CONSTRAINT "consensus_rounds_session_id_strategy_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."strategy_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consensus_rounds" ADD CONSTRAINT "consensus_rounds_version_id_draft_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."draft_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_checks" ADD CONSTRAINT "criterion_checks_item_id_vote_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."vote_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_checks" ADD CONSTRAINT "criterion_checks_participant_id_session_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."session_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_versions" ADD CONSTRAINT "draft_versions_session_id_strategy_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."strategy_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_versions" ADD CONSTRAINT "draft_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "own_definitions" ADD CONSTRAINT "own_definitions_session_id_strategy_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."strategy_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "own_definitions" ADD CONSTRAINT "own_definitions_participant_id_session_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."session_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_session_id_strategy_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."strategy_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_consensus_round_id_consensus_rounds_id_fk" FOREIGN KEY ("consensus_round_id") REFERENCES "public"."consensus_rounds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_participants" ADD CONSTRAINT "session_participants_session_id_strategy_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."strategy_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_participants" ADD CONSTRAINT "session_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_sessions" ADD CONSTRAINT "strategy_sessions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_sessions" ADD CONSTRAINT "strategy_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_items" ADD CONSTRAINT "vote_items_round_id_vote_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."vote_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_rounds" ADD CONSTRAINT "vote_rounds_session_id_strategy_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."strategy_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_round_id_vote_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."vote_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_item_id_vote_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."vote_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_participant_id_session_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."session_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consensus_rounds_session_idx" ON "consensus_rounds" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "session_participants_session_idx" ON "session_participants" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "strategy_sessions_workspace_idx" ON "strategy_sessions" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "vote_items_round_idx" ON "vote_items" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "vote_rounds_session_idx" ON "vote_rounds" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "votes_round_idx" ON "votes" USING btree ("round_id");