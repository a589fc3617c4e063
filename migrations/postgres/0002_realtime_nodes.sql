-- What several nodes share for realtime, on PostgreSQL only (SQLite runs one process and keeps
-- this in memory). Not in pg-schema.ts: no feature queries these through drizzle, and SQLite has
-- no such tables (test/integration/postgres/schema-agreement.test.ts leaves them out).
--
-- Large or binary socket.io broadcasts between nodes (NOTIFY carries at most 8000 bytes): the
-- table @socket.io/postgres-adapter writes and cleans up itself, in the shape its README gives.
CREATE TABLE IF NOT EXISTS "socket_io_attachments" (
	"id" bigserial UNIQUE,
	"created_at" timestamptz DEFAULT now(),
	"payload" bytea
);--> statement-breakpoint
-- One row per running node, its heartbeat in the database's clock (nodes' clocks may differ, and
-- tests move the app's clock). A node whose heartbeat is old is dead: its rows no longer count.
CREATE TABLE "realtime_nodes" (
	"node_id" text PRIMARY KEY NOT NULL,
	"seen_at" timestamptz DEFAULT now() NOT NULL
);--> statement-breakpoint
-- Open connections per node: a station's pages ('station') and the phones following a station
-- ('phone'), counted per station id.
CREATE TABLE "realtime_presence" (
	"node_id" text NOT NULL REFERENCES "realtime_nodes" ("node_id") ON DELETE CASCADE,
	"kind" text NOT NULL,
	"station_id" integer NOT NULL,
	"connections" integer NOT NULL,
	CONSTRAINT "realtime_presence_pk" PRIMARY KEY ("node_id", "kind", "station_id")
);--> statement-breakpoint
CREATE INDEX "realtime_presence_station" ON "realtime_presence" ("kind", "station_id");
