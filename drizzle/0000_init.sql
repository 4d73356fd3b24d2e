CREATE TABLE "applications" (
	"id" text PRIMARY KEY NOT NULL,
	"uid" text,
	"name" text NOT NULL,
	"throttle_rate" integer,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_tasks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "delivery_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"msg_id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"app_id" text NOT NULL,
	"trigger" smallint DEFAULT 0 NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"run_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"lease_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "endpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"uid" text,
	"url" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"event_types" text[],
	"channels" text[],
	"throttle_rate" integer,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret" text NOT NULL,
	"old_secrets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"first_failure_at" timestamp (3) with time zone,
	"throttle_tat" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_types" (
	"name" text PRIMARY KEY NOT NULL,
	"description" text NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"deprecated" boolean DEFAULT false NOT NULL,
	"schemas" jsonb,
	"feature_flag" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"msg_id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"app_id" text NOT NULL,
	"url" text NOT NULL,
	"response" text NOT NULL,
	"response_status_code" integer NOT NULL,
	"response_duration_ms" integer NOT NULL,
	"status" smallint NOT NULL,
	"trigger_type" smallint NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_destinations" (
	"msg_id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"app_id" text NOT NULL,
	"status" smallint NOT NULL,
	"next_attempt_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_destinations_msg_id_endpoint_id_pk" PRIMARY KEY("msg_id","endpoint_id")
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"event_id" text,
	"event_type" text NOT NULL,
	"payload" text,
	"channels" text[],
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revoked_tokens" (
	"jti" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "delivery_tasks" ADD CONSTRAINT "delivery_tasks_msg_id_messages_id_fk" FOREIGN KEY ("msg_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_tasks" ADD CONSTRAINT "delivery_tasks_endpoint_id_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endpoints" ADD CONSTRAINT "endpoints_app_id_applications_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_attempts" ADD CONSTRAINT "message_attempts_msg_id_messages_id_fk" FOREIGN KEY ("msg_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_attempts" ADD CONSTRAINT "message_attempts_endpoint_id_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_destinations" ADD CONSTRAINT "message_destinations_msg_id_messages_id_fk" FOREIGN KEY ("msg_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_destinations" ADD CONSTRAINT "message_destinations_endpoint_id_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_app_id_applications_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "applications_uid_key" ON "applications" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "delivery_tasks_run_at_idx" ON "delivery_tasks" USING btree ("run_at");--> statement-breakpoint
CREATE INDEX "delivery_tasks_msg_idx" ON "delivery_tasks" USING btree ("msg_id");--> statement-breakpoint
CREATE UNIQUE INDEX "endpoints_app_uid_key" ON "endpoints" USING btree ("app_id","uid");--> statement-breakpoint
CREATE INDEX "endpoints_app_idx" ON "endpoints" USING btree ("app_id","id");--> statement-breakpoint
CREATE INDEX "message_attempts_endpoint_idx" ON "message_attempts" USING btree ("endpoint_id","id");--> statement-breakpoint
CREATE INDEX "message_attempts_msg_idx" ON "message_attempts" USING btree ("msg_id","id");--> statement-breakpoint
CREATE INDEX "message_destinations_endpoint_idx" ON "message_destinations" USING btree ("endpoint_id","msg_id");--> statement-breakpoint
CREATE INDEX "message_destinations_endpoint_created_idx" ON "message_destinations" USING btree ("endpoint_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_app_event_id_key" ON "messages" USING btree ("app_id","event_id");--> statement-breakpoint
CREATE INDEX "messages_app_idx" ON "messages" USING btree ("app_id","id");