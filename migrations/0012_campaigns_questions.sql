CREATE TABLE `answer_archive` (
	`list_id` integer NOT NULL,
	`question_key` text NOT NULL,
	`value` text NOT NULL,
	`district` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`list_id`, `question_key`, `value`, `district`),
	FOREIGN KEY (`list_id`) REFERENCES `call_lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `call_answers` (
	`call_id` integer NOT NULL,
	`question_key` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`call_id`, `question_key`),
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`starts_on` text NOT NULL,
	`election_day` text,
	`ends_on` text,
	`status` text DEFAULT 'active' NOT NULL,
	`copied_from` integer,
	`created_at` integer NOT NULL,
	`archived_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaigns_name_unique` ON `campaigns` (`name`);--> statement-breakpoint
-- Everything that came before is the first campaign, started the day its first list or shift was made (UTC).
INSERT INTO `campaigns` (`id`, `name`, `starts_on`, `status`, `created_at`) VALUES (1, 'Kampanj 1', coalesce((SELECT date(min(`t`) / 1000, 'unixepoch') FROM (SELECT min(`created_at`) AS `t` FROM `call_lists` UNION ALL SELECT min(`started_at`) FROM `shifts`)), date('now')), 'active', CAST(unixepoch('subsec') * 1000 AS integer));--> statement-breakpoint
CREATE TABLE `list_questions` (
	`id` integer PRIMARY KEY NOT NULL,
	`list_id` integer,
	`campaign_id` integer,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`options` text,
	`position` integer NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`list_id`) REFERENCES `call_lists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `list_questions_list_key` ON `list_questions` (`list_id`,`key`) WHERE list_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `list_questions_campaign_key` ON `list_questions` (`campaign_id`,`key`) WHERE campaign_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `new_helpers` (
	`id` integer PRIMARY KEY NOT NULL,
	`association_id` integer NOT NULL,
	`list_id` integer NOT NULL,
	`contact_id` integer,
	`call_id` integer,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`created_at` integer NOT NULL,
	`sign_up_sent_at` integer,
	FOREIGN KEY (`association_id`) REFERENCES `associations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`list_id`) REFERENCES `call_lists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `new_helpers_list_phone` ON `new_helpers` (`list_id`,`phone`);--> statement-breakpoint
CREATE INDEX `new_helpers_association` ON `new_helpers` (`association_id`);--> statement-breakpoint
ALTER TABLE `call_lists` ADD `campaign_id` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `call_lists_campaign` ON `call_lists` (`campaign_id`);--> statement-breakpoint
ALTER TABLE `calling_sessions` ADD `campaign_id` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `calling_sessions_campaign_start` ON `calling_sessions` (`campaign_id`,`starts_at`);--> statement-breakpoint
ALTER TABLE `shifts` ADD `campaign_id` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `shifts_campaign_started` ON `shifts` (`campaign_id`,`started_at`);