CREATE TABLE `attendances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`provenance` text NOT NULL,
	`city_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	`mode` text NOT NULL,
	`trip_id` integer,
	`membership_id` integer,
	`outcomes` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trip_id`) REFERENCES `trips`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendances_public_id_unique` ON `attendances` (`public_id`);--> statement-breakpoint
CREATE INDEX `attendances_event` ON `attendances` (`event_id`);--> statement-breakpoint
CREATE INDEX `attendances_city_mode` ON `attendances` (`city_id`,`mode`);--> statement-breakpoint
CREATE INDEX `attendances_trip` ON `attendances` (`trip_id`);--> statement-breakpoint
CREATE TABLE `cities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`provenance` text NOT NULL,
	`slug` text NOT NULL,
	`name_fa` text NOT NULL,
	`name_en` text NOT NULL,
	`country_id` integer NOT NULL,
	`latitude` real,
	`longitude` real,
	`population` integer,
	FOREIGN KEY (`country_id`) REFERENCES `countries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cities_public_id_unique` ON `cities` (`public_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cities_slug_unique` ON `cities` (`slug`);--> statement-breakpoint
CREATE INDEX `cities_country` ON `cities` (`country_id`);--> statement-breakpoint
CREATE INDEX `cities_name_en` ON `cities` (`name_en`,`id`);--> statement-breakpoint
CREATE TABLE `countries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`provenance` text NOT NULL,
	`code` text NOT NULL,
	`name_fa` text NOT NULL,
	`name_en` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `countries_public_id_unique` ON `countries` (`public_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `countries_code_unique` ON `countries` (`code`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`provenance` text NOT NULL,
	`name_fa` text NOT NULL,
	`name_en` text NOT NULL,
	`kind` text NOT NULL,
	`format` text NOT NULL,
	`status` text NOT NULL,
	`organiser_id` integer,
	`host_city_id` integer,
	`start_date` text NOT NULL,
	`start_jy` integer NOT NULL,
	`start_jm` integer NOT NULL,
	`end_date` text,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_public_id_unique` ON `events` (`public_id`);--> statement-breakpoint
CREATE INDEX `events_start` ON `events` (`start_date`,`id`);--> statement-breakpoint
CREATE INDEX `events_start_jalali` ON `events` (`start_jy`,`start_jm`);--> statement-breakpoint
CREATE INDEX `events_organiser` ON `events` (`organiser_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `events_host` ON `events` (`host_city_id`);--> statement-breakpoint
CREATE TABLE `external_ids` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_type` text NOT NULL,
	`record_id` integer NOT NULL,
	`scheme` text NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `external_ids_scheme_value` ON `external_ids` (`scheme`,`value`);--> statement-breakpoint
CREATE INDEX `external_ids_record` ON `external_ids` (`record_type`,`record_id`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`provenance` text NOT NULL,
	`member_city_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`via_organisation_id` integer,
	`status` text NOT NULL,
	`category` text NOT NULL,
	`category_label` text,
	`role` text NOT NULL,
	`start_date` text,
	`start_precision` text,
	`start_jy` integer,
	`start_jm` integer,
	`end_date` text,
	`end_precision` text,
	FOREIGN KEY (`member_city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`via_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_public_id_unique` ON `memberships` (`public_id`);--> statement-breakpoint
CREATE INDEX `memberships_member` ON `memberships` (`member_city_id`,`id`);--> statement-breakpoint
CREATE INDEX `memberships_organisation` ON `memberships` (`organisation_id`,`id`);--> statement-breakpoint
CREATE INDEX `memberships_status` ON `memberships` (`status`);--> statement-breakpoint
CREATE INDEX `memberships_start` ON `memberships` (`start_date`,`id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`provenance` text NOT NULL,
	`slug` text NOT NULL,
	`acronym` text,
	`name_fa` text NOT NULL,
	`name_en` text NOT NULL,
	`kind` text NOT NULL,
	`focus` text DEFAULT '[]' NOT NULL,
	`website` text,
	`headquarters_city_id` integer,
	`monitored` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`headquarters_city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_public_id_unique` ON `organisations` (`public_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_slug_unique` ON `organisations` (`slug`);--> statement-breakpoint
CREATE INDEX `organisations_name_en` ON `organisations` (`name_en`,`id`);--> statement-breakpoint
CREATE INDEX `organisations_kind` ON `organisations` (`kind`);--> statement-breakpoint
CREATE TABLE `partnerships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`provenance` text NOT NULL,
	`city_id` integer NOT NULL,
	`partner_city_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`signed_on` text,
	`signed_jy` integer,
	`signed_jm` integer,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partnerships_public_id_unique` ON `partnerships` (`public_id`);--> statement-breakpoint
CREATE INDEX `partnerships_city` ON `partnerships` (`city_id`,`id`);--> statement-breakpoint
CREATE INDEX `partnerships_partner` ON `partnerships` (`partner_city_id`);--> statement-breakpoint
CREATE TABLE `record_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_type` text NOT NULL,
	`record_id` integer NOT NULL,
	`source_id` integer NOT NULL,
	`locator` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `record_sources_unique` ON `record_sources` (`record_type`,`record_id`,`source_id`,`locator`);--> statement-breakpoint
CREATE INDEX `record_sources_source` ON `record_sources` (`source_id`);--> statement-breakpoint
CREATE TABLE `reported_figures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`provenance` text NOT NULL,
	`city_id` integer NOT NULL,
	`metric` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`value` real NOT NULL,
	`source_id` integer NOT NULL,
	`locator` text,
	`note` text,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reported_figures_public_id_unique` ON `reported_figures` (`public_id`);--> statement-breakpoint
CREATE INDEX `reported_figures_city_period` ON `reported_figures` (`city_id`,`period_from`,`period_to`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`provenance` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`publisher` text,
	`url` text,
	`published_on` text,
	`locator` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_public_id_unique` ON `sources` (`public_id`);--> statement-breakpoint
CREATE TABLE `trip_delegates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trip_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name_fa` text,
	`name_en` text,
	`title` text NOT NULL,
	`unit` text,
	`role` text NOT NULL,
	FOREIGN KEY (`trip_id`) REFERENCES `trips`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trip_delegates_trip_position` ON `trip_delegates` (`trip_id`,`position`);--> statement-breakpoint
CREATE TABLE `trip_events` (
	`trip_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	FOREIGN KEY (`trip_id`) REFERENCES `trips`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trip_events_pk` ON `trip_events` (`trip_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `trip_events_event` ON `trip_events` (`event_id`);--> statement-breakpoint
CREATE TABLE `trip_legs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trip_id` integer NOT NULL,
	`position` integer NOT NULL,
	`city_id` integer NOT NULL,
	FOREIGN KEY (`trip_id`) REFERENCES `trips`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trip_legs_trip_position` ON `trip_legs` (`trip_id`,`position`);--> statement-breakpoint
CREATE INDEX `trip_legs_city` ON `trip_legs` (`city_id`);--> statement-breakpoint
CREATE TABLE `trip_organisations` (
	`trip_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	FOREIGN KEY (`trip_id`) REFERENCES `trips`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trip_organisations_pk` ON `trip_organisations` (`trip_id`,`organisation_id`);--> statement-breakpoint
CREATE INDEX `trip_organisations_organisation` ON `trip_organisations` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `trips` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`provenance` text NOT NULL,
	`code` text,
	`title_fa` text,
	`title_en` text,
	`purpose` text NOT NULL,
	`status` text NOT NULL,
	`city_id` integer NOT NULL,
	`requesting_unit` text NOT NULL,
	`requested_on` text,
	`decision_outcome` text,
	`decided_on` text,
	`decision_reason` text,
	`start_date` text NOT NULL,
	`start_jy` integer NOT NULL,
	`start_jm` integer NOT NULL,
	`end_date` text,
	`delegation_size` integer DEFAULT 0 NOT NULL,
	`headed_by_mayor` integer DEFAULT false NOT NULL,
	`invited_by_id` integer,
	`funding` text,
	`cost_minor` integer,
	`cost_currency` text,
	`report_submitted_on` text,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trips_public_id_unique` ON `trips` (`public_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `trips_code_unique` ON `trips` (`code`);--> statement-breakpoint
CREATE INDEX `trips_start` ON `trips` (`start_date`,`id`);--> statement-breakpoint
CREATE INDEX `trips_city_start_jalali` ON `trips` (`city_id`,`start_jy`,`start_jm`);--> statement-breakpoint
CREATE INDEX `trips_city_start` ON `trips` (`city_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `trips_status_start` ON `trips` (`status`,`start_date`);--> statement-breakpoint
CREATE INDEX `trips_purpose` ON `trips` (`purpose`);