DROP INDEX `external_ids_scheme_value`;--> statement-breakpoint
ALTER TABLE `external_ids` ADD `namespace` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `external_ids` SET `namespace` = (SELECT `organisation_id` FROM `memberships` WHERE `memberships`.`id` = `external_ids`.`record_id`) WHERE `record_type` = 'MEMBERSHIP' AND EXISTS (SELECT 1 FROM `memberships` WHERE `memberships`.`id` = `external_ids`.`record_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `external_ids_namespace_scheme_value` ON `external_ids` (`namespace`,`scheme`,`value`);
--> statement-breakpoint
UPDATE sources SET title = 'API data entry (' || (SELECT coalesce(o.name_en, k.role) FROM api_keys k LEFT JOIN organisations o ON o.id = k.organisation_id WHERE sources.title = 'Data entry through the API (' || k.name || ')' ORDER BY k.id LIMIT 1) || ')' WHERE kind = 'DATA_ENTRY' AND EXISTS (SELECT 1 FROM api_keys k WHERE sources.title = 'Data entry through the API (' || k.name || ')');--> statement-breakpoint
UPDATE sources SET title = 'API data entry' WHERE kind = 'DATA_ENTRY' AND title LIKE 'Data entry through the API (%';--> statement-breakpoint
UPDATE sources SET publisher = coalesce((SELECT o.name_en FROM api_keys k JOIN organisations o ON o.id = k.organisation_id WHERE k.name = sources.publisher ORDER BY k.id LIMIT 1), 'Footprint') WHERE kind IN ('DATA_ENTRY', 'PARTNER_SYNC') AND publisher IN (SELECT name FROM api_keys);
