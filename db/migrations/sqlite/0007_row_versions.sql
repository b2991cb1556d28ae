CREATE TABLE `history_clock` (
	`id` integer PRIMARY KEY NOT NULL,
	`seq` integer
);
--> statement-breakpoint
CREATE TABLE `row_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_name` text NOT NULL,
	`row_id` integer NOT NULL,
	`valid_from` integer NOT NULL,
	`valid_to` integer,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `row_versions_row` ON `row_versions` (`table_name`,`row_id`,`valid_to`);--> statement-breakpoint
CREATE INDEX `row_versions_as_of` ON `row_versions` (`table_name`,`valid_from`,`valid_to`);--> statement-breakpoint
ALTER TABLE `changes` ADD `actor_role` text;--> statement-breakpoint
ALTER TABLE `changes` ADD `actor_organisation_id` integer;--> statement-breakpoint
INSERT INTO `history_clock` (`id`, `seq`) VALUES (1, NULL);
