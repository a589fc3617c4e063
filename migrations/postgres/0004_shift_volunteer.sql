ALTER TABLE "shifts" ADD COLUMN "volunteer_id" integer;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shifts_volunteer" ON "shifts" USING btree ("volunteer_id");--> statement-breakpoint
-- The shifts that checked bookings in are those volunteers' (later ones are linked as they start).
UPDATE "shifts" SET "volunteer_id" = "b"."volunteer_id" FROM "bookings" "b" WHERE "b"."shift_id" = "shifts"."id";
