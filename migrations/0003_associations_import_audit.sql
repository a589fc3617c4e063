CREATE TABLE `association_tokens` (
	`id` integer PRIMARY KEY NOT NULL,
	`association_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`label` text,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`association_id`) REFERENCES `associations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `association_tokens_hash` ON `association_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY NOT NULL,
	`list_id` integer NOT NULL,
	`actor` text NOT NULL,
	`file_name` text,
	`rows` integer NOT NULL,
	`imported` integer NOT NULL,
	`updated` integer NOT NULL,
	`rejected` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`list_id`) REFERENCES `call_lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imports_list` ON `imports` (`list_id`);--> statement-breakpoint
ALTER TABLE `call_lists` ADD `notes_enabled` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `call_lists` ADD `importing` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `contacts` ADD `alt_phone` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `external_id` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `preferred_language` text;--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_list_external` ON `contacts` (`list_id`,`external_id`) WHERE external_id IS NOT NULL;