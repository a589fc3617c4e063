CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`station_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`phone` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_one_per_station` ON `assignments` (`station_id`) WHERE status = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_one_per_phone` ON `assignments` (`phone`) WHERE status = 'active';--> statement-breakpoint
CREATE INDEX `assignments_expiry` ON `assignments` (`expires_at`) WHERE status = 'active';--> statement-breakpoint
CREATE TABLE `associations` (
	`id` integer PRIMARY KEY NOT NULL,
	`municipality_code` text NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`municipality_code`) REFERENCES `municipalities`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `associations_name_unique` ON `associations` (`name`);--> statement-breakpoint
CREATE TABLE `call_lists` (
	`id` integer PRIMARY KEY NOT NULL,
	`association_id` integer NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`contacts_count` integer DEFAULT 0 NOT NULL,
	`persons_called` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`association_id`) REFERENCES `associations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `call_lists_association` ON `call_lists` (`association_id`);--> statement-breakpoint
CREATE TABLE `calls` (
	`id` integer PRIMARY KEY NOT NULL,
	`assignment_id` text,
	`contact_id` integer NOT NULL,
	`station_id` integer NOT NULL,
	`list_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer NOT NULL,
	`note` text,
	`callback_at` integer,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`list_id`) REFERENCES `call_lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calls_assignment` ON `calls` (`assignment_id`);--> statement-breakpoint
CREATE INDEX `calls_contact` ON `calls` (`contact_id`,`ended_at`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY NOT NULL,
	`list_id` integer NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`voting_district` text,
	`priority` integer DEFAULT 2 NOT NULL,
	`status` text DEFAULT 'ready' NOT NULL,
	`closed_reason` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_outcome` text,
	`last_attempt_at` integer,
	`next_call_at` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`list_id`) REFERENCES `call_lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contacts_claim` ON `contacts` (`list_id`,`priority`,`next_call_at`,`id`) WHERE status = 'ready';--> statement-breakpoint
CREATE INDEX `contacts_phone` ON `contacts` (`phone`);--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_list_phone` ON `contacts` (`list_id`,`phone`);--> statement-breakpoint
CREATE TABLE `do_not_call` (
	`phone` text PRIMARY KEY NOT NULL,
	`added_at` integer NOT NULL,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `municipalities` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stations` (
	`id` integer PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`list_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`list_id`) REFERENCES `call_lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stations_number_unique` ON `stations` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `stations_token_hash` ON `stations` (`token_hash`);