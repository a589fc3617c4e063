-- The rows SQLite's migrations 0001 and 0012 insert: room 1 and campaign 1, which a new database
-- starts with (campaign_id and room_id default to 1). Both ids are given, so each identity then
-- continues after them.
INSERT INTO "rooms" ("id", "name", "created_at") VALUES (1, 'Rum 1', 0);--> statement-breakpoint
INSERT INTO "campaigns" ("id", "name", "starts_on", "status", "created_at")
  VALUES (1, 'Kampanj 1', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'active', floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint);--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('"rooms"', 'id'), (SELECT max("id") FROM "rooms"));--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('"campaigns"', 'id'), (SELECT max("id") FROM "campaigns"));
