CREATE TABLE "idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"state" smallint NOT NULL,
	"status" integer,
	"body" text,
	"headers" jsonb,
	"locked_until" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires_idx" ON "idempotency_keys" USING btree ("expires_at");