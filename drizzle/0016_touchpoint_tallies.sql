CREATE TABLE "customer_level_tallies" (
	"touchpoint_id" uuid NOT NULL,
	"month" text NOT NULL,
	"level" "satisfaction_level" NOT NULL,
	"answers" integer NOT NULL,
	CONSTRAINT "customer_level_tallies_touchpoint_id_month_level_pk" PRIMARY KEY("touchpoint_id","month","level")
);
--> statement-breakpoint
CREATE TABLE "customer_rating_tallies" (
	"touchpoint_id" uuid NOT NULL,
	"criterion" text NOT NULL,
	"total" integer NOT NULL,
	"ratings" integer NOT NULL,
	CONSTRAINT "customer_rating_tallies_touchpoint_id_criterion_pk" PRIMARY KEY("touchpoint_id","criterion")
);
--> statement-breakpoint
ALTER TABLE "customer_level_tallies" ADD CONSTRAINT "customer_level_tallies_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_rating_tallies" ADD CONSTRAINT "customer_rating_tallies_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;