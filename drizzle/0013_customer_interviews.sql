CREATE TYPE "public"."interview_kind" AS ENUM('interview', 'focus_group');--> statement-breakpoint
CREATE TABLE "customer_interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"touchpoint_id" uuid NOT NULL,
	"kind" "interview_kind" NOT NULL,
	"held_on" date NOT NULL,
	"participants" text[] DEFAULT '{}'::text[] NOT NULL,
	"thanked" boolean DEFAULT false NOT NULL,
	"summary" text NOT NULL,
	"quotes" text[] DEFAULT '{}'::text[] NOT NULL,
	"criteria" text[] DEFAULT '{}'::text[] NOT NULL,
	"level" "satisfaction_level",
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_interviews" ADD CONSTRAINT "customer_interviews_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_interviews" ADD CONSTRAINT "customer_interviews_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_interviews" ADD CONSTRAINT "customer_interviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_interviews_touchpoint_idx" ON "customer_interviews" USING btree ("touchpoint_id");