ALTER TABLE `partnerships` ADD `signed_precision` text;--> statement-breakpoint
ALTER TABLE `record_sources` ADD `fields` text;--> statement-breakpoint
ALTER TABLE `trip_delegates` ADD `title_en` text;--> statement-breakpoint
ALTER TABLE `trip_delegates` ADD `unit_en` text;--> statement-breakpoint
ALTER TABLE `trips` ADD `requesting_unit_en` text;--> statement-breakpoint
ALTER TABLE `trips` ADD `decision_reason_en` text;