ALTER TABLE `imports` ADD `bytes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` DROP COLUMN `file_name`;