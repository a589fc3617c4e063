CREATE TABLE `access_tokens` (
	`id` integer PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`room_id` integer NOT NULL,
	`label` text,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `access_tokens_hash` ON `access_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `activity_hours` (
	`hour_start` integer NOT NULL,
	`room_id` integer NOT NULL,
	`list_id` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	`persons_called` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`hour_start`, `room_id`, `list_id`),
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`list_id`) REFERENCES `call_lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `flags` (
	`id` integer PRIMARY KEY NOT NULL,
	`room_id` integer NOT NULL,
	`station_id` integer NOT NULL,
	`shift_id` integer,
	`contact_id` integer,
	`message` text NOT NULL,
	`created_at` integer NOT NULL,
	`handled_at` integer,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `flags_open` ON `flags` (`room_id`) WHERE handled_at IS NULL;--> statement-breakpoint
CREATE TABLE `room_messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`room_id` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rooms` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rooms_name_unique` ON `rooms` (`name`);--> statement-breakpoint
-- Every station stands in a room: the existing ones in this first one (the admin can rename it).
INSERT INTO `rooms` (`id`, `name`, `created_at`) VALUES (1, 'Rum 1', 0);--> statement-breakpoint
CREATE TABLE `shifts` (
	`id` integer PRIMARY KEY NOT NULL,
	`station_id` integer NOT NULL,
	`room_id` integer NOT NULL,
	`name` text NOT NULL,
	`association_id` integer,
	`languages` text DEFAULT '[]' NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`end_reason` text,
	`last_activity_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`association_id`) REFERENCES `associations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shifts_one_open_per_station` ON `shifts` (`station_id`) WHERE ended_at IS NULL;--> statement-breakpoint
CREATE INDEX `shifts_started` ON `shifts` (`started_at`);--> statement-breakpoint
ALTER TABLE `assignments` ADD `shift_id` integer REFERENCES shifts(id);--> statement-breakpoint
ALTER TABLE `call_lists` ADD `script` text;--> statement-breakpoint
ALTER TABLE `call_lists` ADD `instructions` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `shift_id` integer REFERENCES shifts(id);--> statement-breakpoint
CREATE INDEX `calls_ended` ON `calls` (`ended_at`);--> statement-breakpoint
ALTER TABLE `stations` ADD `room_id` integer DEFAULT 1 NOT NULL;