ALTER TABLE "partnerships" ADD COLUMN "signed_precision" text;--> statement-breakpoint
ALTER TABLE "record_sources" ADD COLUMN "fields" text;--> statement-breakpoint
ALTER TABLE "trip_delegates" ADD COLUMN "title_en" text;--> statement-breakpoint
ALTER TABLE "trip_delegates" ADD COLUMN "unit_en" text;--> statement-breakpoint
ALTER TABLE "trips" ADD COLUMN "requesting_unit_en" text;--> statement-breakpoint
ALTER TABLE "trips" ADD COLUMN "decision_reason_en" text;