CREATE TABLE "failing_destinations" (
	"msg_id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"app_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "failing_destinations_msg_id_endpoint_id_pk" PRIMARY KEY("msg_id","endpoint_id")
);
--> statement-breakpoint
ALTER TABLE "endpoints" ADD COLUMN "failing_since" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "endpoints" ADD COLUMN "disabled_reason" text;--> statement-breakpoint
ALTER TABLE "failing_destinations" ADD CONSTRAINT "failing_destinations_msg_id_messages_id_fk" FOREIGN KEY ("msg_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "failing_destinations" ADD CONSTRAINT "failing_destinations_endpoint_id_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "failing_destinations_app_idx" ON "failing_destinations" USING btree ("app_id","msg_id");--> statement-breakpoint
CREATE INDEX "failing_destinations_endpoint_idx" ON "failing_destinations" USING btree ("endpoint_id","msg_id");--> statement-breakpoint
-- Backfill: destinations failed for good, and those being retried whose latest attempt failed.
INSERT INTO "failing_destinations" ("msg_id", "endpoint_id", "app_id", "created_at")
SELECT d."msg_id", d."endpoint_id", d."app_id", d."updated_at" FROM "message_destinations" d
WHERE d."status" = 2
  OR (d."status" IN (1, 3) AND (SELECT a."status" FROM "message_attempts" a
        WHERE a."msg_id" = d."msg_id" AND a."endpoint_id" = d."endpoint_id" ORDER BY a."id" DESC LIMIT 1) = 2);--> statement-breakpoint
-- Backfill: the first failed attempt after each endpoint's last successful one.
UPDATE "endpoints" e SET "failing_since" = (
  SELECT min(a."created_at") FROM "message_attempts" a
  WHERE a."endpoint_id" = e."id" AND a."status" = 2
    AND a."id" > COALESCE((SELECT max(s."id") FROM "message_attempts" s WHERE s."endpoint_id" = e."id" AND s."status" = 0), '')
);--> statement-breakpoint
-- Backfill: the reason was not kept before; an endpoint disabled after five days of exhausted retries was
-- most likely disabled by the dispatcher, any other by a user.
UPDATE "endpoints" SET "disabled_reason" = CASE
  WHEN "first_failure_at" IS NOT NULL AND "first_failure_at" < now() - interval '5 days' THEN 'auto' ELSE 'manual' END
WHERE "disabled";
