CREATE TYPE "public"."satisfaction_level" AS ENUM('below', 'indifferent', 'meets', 'exceeds');--> statement-breakpoint
CREATE TABLE "customer_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"touchpoint_id" uuid NOT NULL,
	"level" "satisfaction_level" NOT NULL,
	"ratings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"expected" text DEFAULT '' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"language" text NOT NULL,
	"contact_name" text,
	"contact_address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questionnaires" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"touchpoint_id" uuid NOT NULL,
	"token" text NOT NULL,
	"criteria" text[] DEFAULT '{}'::text[] NOT NULL,
	"ask_contact" boolean DEFAULT false NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questionnaires_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "staff_assessments" (
	"touchpoint_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"department_id" uuid,
	"level" "satisfaction_level" NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_assessments_touchpoint_id_user_id_pk" PRIMARY KEY("touchpoint_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "customer_answers" ADD CONSTRAINT "customer_answers_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_answers" ADD CONSTRAINT "customer_answers_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD CONSTRAINT "questionnaires_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD CONSTRAINT "questionnaires_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD CONSTRAINT "questionnaires_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_assessments" ADD CONSTRAINT "staff_assessments_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_assessments" ADD CONSTRAINT "staff_assessments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_assessments" ADD CONSTRAINT "staff_assessments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_answers_touchpoint_time_idx" ON "customer_answers" USING btree ("touchpoint_id","created_at");--> statement-breakpoint
CREATE INDEX "questionnaires_touchpoint_idx" ON "questionnaires" USING btree ("touchpoint_id");--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaires_one_open_idx" ON "questionnaires" USING btree ("touchpoint_id") WHERE closed_at is null;