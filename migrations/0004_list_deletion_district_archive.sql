CREATE TABLE `district_archive` (
	`list_id` integer NOT NULL,
	`district` text NOT NULL,
	`contacts` integer DEFAULT 0 NOT NULL,
	`persons_called` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`list_id`, `district`),
	FOREIGN KEY (`list_id`) REFERENCES `call_lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `call_lists` ADD `deleted_at` integer;--> statement-breakpoint
CREATE INDEX `assignments_contact` ON `assignments` (`contact_id`);--> statement-breakpoint
CREATE INDEX `flags_contact` ON `flags` (`contact_id`);