CREATE TABLE "import_progress" (
	"import_id" text PRIMARY KEY NOT NULL,
	"list_id" integer NOT NULL,
	"phase" text NOT NULL,
	"done" integer NOT NULL,
	"total" integer NOT NULL,
	"updated_at" bigint NOT NULL
);
