DROP INDEX `external_ids_scheme_value`;--> statement-breakpoint
ALTER TABLE `external_ids` ADD `namespace` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `external_ids` SET `namespace` = (SELECT `organisation_id` FROM `memberships` WHERE `memberships`.`id` = `external_ids`.`record_id`) WHERE `record_type` = 'MEMBERSHIP' AND EXISTS (SELECT 1 FROM `memberships` WHERE `memberships`.`id` = `external_ids`.`record_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `external_ids_namespace_scheme_value` ON `external_ids` (`namespace`,`scheme`,`value`);
