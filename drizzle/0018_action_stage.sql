ALTER TABLE "improvement_actions" ALTER COLUMN "touchpoint_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD COLUMN "journey_map_id" uuid;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD COLUMN "stage_id" text;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_journey_map_id_journey_maps_id_fk" FOREIGN KEY ("journey_map_id") REFERENCES "public"."journey_maps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "improvement_actions_stage_idx" ON "improvement_actions" USING btree ("journey_map_id","stage_id");--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_subject_check" CHECK ((touchpoint_id is null) <> (journey_map_id is null and stage_id is null) and (journey_map_id is null) = (stage_id is null));