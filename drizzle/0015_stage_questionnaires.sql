ALTER TABLE "customer_answers" ALTER COLUMN "touchpoint_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "questionnaires" ALTER COLUMN "touchpoint_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_answers" ADD COLUMN "journey_map_id" uuid;--> statement-breakpoint
ALTER TABLE "customer_answers" ADD COLUMN "stage_id" text;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD COLUMN "journey_map_id" uuid;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD COLUMN "stage_id" text;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD COLUMN "stage_name" text;--> statement-breakpoint
ALTER TABLE "customer_answers" ADD CONSTRAINT "customer_answers_journey_map_id_journey_maps_id_fk" FOREIGN KEY ("journey_map_id") REFERENCES "public"."journey_maps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD CONSTRAINT "questionnaires_journey_map_id_journey_maps_id_fk" FOREIGN KEY ("journey_map_id") REFERENCES "public"."journey_maps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_answers_stage_idx" ON "customer_answers" USING btree ("journey_map_id","stage_id");--> statement-breakpoint
CREATE INDEX "questionnaires_stage_idx" ON "questionnaires" USING btree ("journey_map_id","stage_id");--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaires_one_open_stage_idx" ON "questionnaires" USING btree ("journey_map_id","stage_id") WHERE closed_at is null and journey_map_id is not null;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD CONSTRAINT "questionnaires_subject_check" CHECK ((touchpoint_id is null) <> (journey_map_id is null and stage_id is null) and (journey_map_id is null) = (stage_id is null));