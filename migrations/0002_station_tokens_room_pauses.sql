CREATE TABLE `room_paused_lists` (
	`room_id` integer NOT NULL,
	`list_id` integer NOT NULL,
	`paused_at` integer NOT NULL,
	PRIMARY KEY(`room_id`, `list_id`),
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`list_id`) REFERENCES `call_lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `shifts` ADD `last_seen_at` integer;--> statement-breakpoint
ALTER TABLE `stations` ADD `token_generation` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Calls made before shifts existed (migration 0001) were never counted per hour: count them now, so
-- today's figures, the pace charts and per-room standings agree with the lists' own counters.
INSERT INTO `activity_hours` (`hour_start`, `room_id`, `list_id`, `attempts`, `answered`, `conversations`, `persons_called`)
SELECT (c.`ended_at` / 3600000) * 3600000, s.`room_id`, c.`list_id`, count(*),
  sum(c.`outcome` IN ('conversation', 'call_back', 'declined', 'do_not_call')),
  sum(c.`outcome` = 'conversation'),
  sum(c.`id` = (SELECT min(f.`id`) FROM `calls` f WHERE f.`contact_id` = c.`contact_id`))
FROM `calls` c JOIN `stations` s ON s.`id` = c.`station_id`
WHERE c.`shift_id` IS NULL
GROUP BY 1, 2, 3
ON CONFLICT (`hour_start`, `room_id`, `list_id`) DO UPDATE SET
  `attempts` = `attempts` + excluded.`attempts`, `answered` = `answered` + excluded.`answered`,
  `conversations` = `conversations` + excluded.`conversations`, `persons_called` = `persons_called` + excluded.`persons_called`;
