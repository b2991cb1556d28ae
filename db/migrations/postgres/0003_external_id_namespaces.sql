DROP INDEX "external_ids_scheme_value";--> statement-breakpoint
ALTER TABLE "external_ids" ADD COLUMN "namespace" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "external_ids" SET "namespace" = "memberships"."organisation_id" FROM "memberships" WHERE "external_ids"."record_type" = 'MEMBERSHIP' AND "memberships"."id" = "external_ids"."record_id";--> statement-breakpoint
CREATE UNIQUE INDEX "external_ids_namespace_scheme_value" ON "external_ids" USING btree ("namespace","scheme","value");
