DROP INDEX `attendances_event`;--> statement-breakpoint
CREATE INDEX `attendances_event_city` ON `attendances` (`event_id`,`city_id`,`mode`);--> statement-breakpoint
DROP INDEX `trips_city_start`;--> statement-breakpoint
CREATE INDEX `trips_city_start_cover` ON `trips` (`city_id`,`start_date`,`status`,`decision_outcome`,`delegation_size`,`start_jy`,`start_jm`,`purpose`);