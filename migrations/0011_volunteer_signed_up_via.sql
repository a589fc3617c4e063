ALTER TABLE `volunteers` ADD `signed_up_via` text;--> statement-breakpoint
CREATE INDEX `volunteers_signed_up_via` ON `volunteers` (`signed_up_via`);