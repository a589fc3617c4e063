CREATE TABLE `list_scripts` (
	`list_id` integer NOT NULL,
	`language` text NOT NULL,
	`script` text,
	`instructions` text,
	PRIMARY KEY(`list_id`, `language`),
	FOREIGN KEY (`list_id`) REFERENCES `call_lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `phone_pairings` (
	`id` integer PRIMARY KEY NOT NULL,
	`station_id` integer NOT NULL,
	`shift_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `phone_pairings_hash` ON `phone_pairings` (`token_hash`);--> statement-breakpoint
CREATE INDEX `phone_pairings_station` ON `phone_pairings` (`station_id`) WHERE ended_at IS NULL;--> statement-breakpoint
DROP INDEX `contacts_claim`;--> statement-breakpoint
ALTER TABLE `contacts` ADD `needs_speaker` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `contacts_claim_any` ON `contacts` (`list_id`,`priority`,`next_call_at`,`id`) WHERE status = 'ready' AND needs_speaker = 0;--> statement-breakpoint
CREATE INDEX `contacts_claim_language` ON `contacts` (`list_id`,`preferred_language`,`priority`,`next_call_at`,`id`) WHERE status = 'ready' AND preferred_language IS NOT NULL;--> statement-breakpoint
ALTER TABLE `stations` ADD `remote` integer DEFAULT false NOT NULL;