CREATE TABLE "app_limits" (
	"app_id" text PRIMARY KEY NOT NULL,
	"max_endpoints" integer,
	"max_bulk_tasks" integer,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "delivery_tasks_run_at_idx";--> statement-breakpoint
ALTER TABLE "delivery_tasks" ADD COLUMN "bulk" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "app_limits" ADD CONSTRAINT "app_limits_app_id_applications_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delivery_tasks_bulk_run_at_idx" ON "delivery_tasks" USING btree ("run_at") WHERE "delivery_tasks"."bulk";--> statement-breakpoint
CREATE INDEX "delivery_tasks_bulk_endpoint_idx" ON "delivery_tasks" USING btree ("endpoint_id") WHERE "delivery_tasks"."bulk";--> statement-breakpoint
CREATE INDEX "delivery_tasks_bulk_app_idx" ON "delivery_tasks" USING btree ("app_id") WHERE "delivery_tasks"."bulk";--> statement-breakpoint
CREATE INDEX "delivery_tasks_run_at_idx" ON "delivery_tasks" USING btree ("run_at") WHERE NOT "delivery_tasks"."bulk";