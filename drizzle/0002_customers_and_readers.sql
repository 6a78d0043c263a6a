CREATE TYPE "public"."portrait_kind" AS ENUM('customer', 'internal');--> statement-breakpoint
CREATE TYPE "public"."relationship_class" AS ENUM('attract', 'keep', 'untapped', 'strategic', 'important', 'profitable', 'let_go');--> statement-breakpoint
CREATE TYPE "public"."touchpoint_type" AS ENUM('business', 'employee');--> statement-breakpoint
ALTER TYPE "public"."workspace_role" ADD VALUE 'reader';--> statement-breakpoint
CREATE TABLE "journey_maps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"portrait_id" uuid NOT NULL,
	"title" text NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "portrait_photos" (
	"portrait_id" uuid PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portraits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" "portrait_kind" DEFAULT 'customer' NOT NULL,
	"name" text NOT NULL,
	"segment" text DEFAULT '' NOT NULL,
	"relationship_class" "relationship_class",
	"value_share" numeric(5, 2),
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_journey_maps" (
	"session_id" uuid NOT NULL,
	"journey_map_id" uuid NOT NULL,
	CONSTRAINT "session_journey_maps_session_id_journey_map_id_pk" PRIMARY KEY("session_id","journey_map_id")
);
--> statement-breakpoint
CREATE TABLE "session_portraits" (
	"session_id" uuid NOT NULL,
	"portrait_id" uuid NOT NULL,
	CONSTRAINT "session_portraits_session_id_portrait_id_pk" PRIMARY KEY("session_id","portrait_id")
);
--> statement-breakpoint
CREATE TABLE "touchpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" "touchpoint_type" NOT NULL,
	"kind" text DEFAULT '' NOT NULL,
	"channel" text DEFAULT '' NOT NULL,
	"owner_id" uuid,
	"rule_html" text DEFAULT '' NOT NULL,
	"rule_updated_at" timestamp with time zone,
	"rule_updated_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vote_items" ADD COLUMN "carried_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "journey_maps" ADD CONSTRAINT "journey_maps_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_maps" ADD CONSTRAINT "journey_maps_portrait_id_portraits_id_fk" FOREIGN KEY ("portrait_id") REFERENCES "public"."portraits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_maps" ADD CONSTRAINT "journey_maps_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portrait_photos" ADD CONSTRAINT "portrait_photos_portrait_id_portraits_id_fk" FOREIGN KEY ("portrait_id") REFERENCES "public"."portraits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portraits" ADD CONSTRAINT "portraits_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portraits" ADD CONSTRAINT "portraits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_journey_maps" ADD CONSTRAINT "session_journey_maps_session_id_strategy_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."strategy_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_journey_maps" ADD CONSTRAINT "session_journey_maps_journey_map_id_journey_maps_id_fk" FOREIGN KEY ("journey_map_id") REFERENCES "public"."journey_maps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_portraits" ADD CONSTRAINT "session_portraits_session_id_strategy_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."strategy_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_portraits" ADD CONSTRAINT "session_portraits_portrait_id_portraits_id_fk" FOREIGN KEY ("portrait_id") REFERENCES "public"."portraits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_rule_updated_by_users_id_fk" FOREIGN KEY ("rule_updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "journey_maps_workspace_idx" ON "journey_maps" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "journey_maps_portrait_idx" ON "journey_maps" USING btree ("portrait_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "portraits_workspace_idx" ON "portraits" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "session_journey_maps_map_idx" ON "session_journey_maps" USING btree ("journey_map_id");--> statement-breakpoint
CREATE INDEX "session_portraits_portrait_idx" ON "session_portraits" USING btree ("portrait_id");--> statement-breakpoint
CREATE INDEX "touchpoints_workspace_idx" ON "touchpoints" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "touchpoints_owner_idx" ON "touchpoints" USING btree ("owner_id");