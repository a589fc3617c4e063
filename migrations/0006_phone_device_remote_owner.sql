ALTER TABLE `phone_pairings` ADD `device` text;--> statement-breakpoint
ALTER TABLE `stations` ADD `created_by_link` integer;