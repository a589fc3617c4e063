ALTER TABLE `shifts` ADD `volunteer_id` integer REFERENCES volunteers(id);--> statement-breakpoint
CREATE INDEX `shifts_volunteer` ON `shifts` (`volunteer_id`);--> statement-breakpoint
-- The shifts that checked bookings in are those volunteers' (later ones are linked as they start).
UPDATE `shifts` SET `volunteer_id` = `b`.`volunteer_id` FROM `bookings` `b` WHERE `b`.`shift_id` = `shifts`.`id`;
