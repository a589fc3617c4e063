CREATE TABLE `bookings` (
	`id` integer PRIMARY KEY NOT NULL,
	`session_id` integer NOT NULL,
	`volunteer_id` integer NOT NULL,
	`team_id` integer,
	`status` text NOT NULL,
	`shift_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `calling_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`volunteer_id`) REFERENCES `volunteers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_one_per_session` ON `bookings` (`session_id`,`volunteer_id`) WHERE status <> 'cancelled';--> statement-breakpoint
CREATE INDEX `bookings_session_status` ON `bookings` (`session_id`,`status`);--> statement-breakpoint
CREATE INDEX `bookings_volunteer` ON `bookings` (`volunteer_id`);--> statement-breakpoint
CREATE TABLE `calling_sessions` (
	`id` integer PRIMARY KEY NOT NULL,
	`room_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`capacity` integer NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`cancelled_at` integer,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `calling_sessions_room_start` ON `calling_sessions` (`room_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `calling_sessions_start` ON `calling_sessions` (`starts_at`);--> statement-breakpoint
CREATE TABLE `mail_outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`volunteer_id` integer NOT NULL,
	`booking_id` integer,
	`session_id` integer,
	`created_at` integer NOT NULL,
	`next_try_at` integer NOT NULL,
	`tries` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`sent_at` integer,
	FOREIGN KEY (`volunteer_id`) REFERENCES `volunteers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `calling_sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_outbox_key` ON `mail_outbox` (`key`);--> statement-breakpoint
CREATE INDEX `mail_outbox_due` ON `mail_outbox` (`next_try_at`) WHERE sent_at IS NULL;--> statement-breakpoint
CREATE TABLE `pledges` (
	`id` integer PRIMARY KEY NOT NULL,
	`association_id` integer NOT NULL,
	`volunteer_id` integer,
	`name` text NOT NULL,
	`shifts` integer NOT NULL,
	`by` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`association_id`) REFERENCES `associations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`volunteer_id`) REFERENCES `volunteers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pledges_association` ON `pledges` (`association_id`);--> statement-breakpoint
CREATE TABLE `signup_links` (
	`id` integer PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`room_id` integer,
	`created_by` text NOT NULL,
	`label` text,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signup_links_hash` ON `signup_links` (`token_hash`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY NOT NULL,
	`session_id` integer NOT NULL,
	`association_id` integer NOT NULL,
	`places` integer NOT NULL,
	`captain` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`session_id`) REFERENCES `calling_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`association_id`) REFERENCES `associations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_token_hash` ON `teams` (`token_hash`);--> statement-breakpoint
CREATE INDEX `teams_session` ON `teams` (`session_id`);--> statement-breakpoint
CREATE TABLE `volunteers` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`association_id` integer,
	`email` text,
	`phone` text,
	`languages` text DEFAULT '[]' NOT NULL,
	`token_hash` text NOT NULL,
	`token_generation` integer DEFAULT 0 NOT NULL,
	`consent_at` integer,
	`last_booked_at` integer,
	`created_at` integer NOT NULL,
	`erased_at` integer,
	FOREIGN KEY (`association_id`) REFERENCES `associations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volunteers_token_hash` ON `volunteers` (`token_hash`);--> statement-breakpoint
CREATE INDEX `volunteers_association` ON `volunteers` (`association_id`);--> statement-breakpoint
ALTER TABLE `rooms` ADD `address` text;