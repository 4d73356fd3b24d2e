-- Refresh secrets become MACs of (session, generation), so none is stored and a rotated one can be
-- recognised when it comes back. Refresh cookies issued before this migration stop renewing; their
-- sessions end when the access token does, and the host page is asked for a new link.
ALTER TABLE "portal_sessions" ADD COLUMN "refresh_generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "portal_sessions" ADD COLUMN "refreshed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "portal_sessions" DROP COLUMN "refresh_hash";
