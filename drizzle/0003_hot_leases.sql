ALTER TABLE "delivery_tasks" ADD COLUMN "lease_expires_at" timestamp (3) with time zone;--> statement-breakpoint
-- Room on each page for the updated row: claims and delivery outcomes become heap-only updates.
ALTER TABLE "delivery_tasks" SET (fillfactor = 50);--> statement-breakpoint
ALTER TABLE "message_destinations" SET (fillfactor = 60);
