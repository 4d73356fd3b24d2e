import "server-only";
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Portal-side settings per application (`scope` = app id) and the org default (`scope` = "org"). */
export const portalSettings = pgTable("portal_settings", {
  scope: text("scope").primaryKey(),
  /** Origins allowed to frame /embed/{app} and to talk to it over postMessage; null = inherit. */
  allowedOrigins: text("allowed_origins").array(),
  branding: jsonb("branding").$type<Record<string, unknown> | null>(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** Emails the SaaS registered for an application: the only addresses magic-link login mails. */
export const portalMembers = pgTable(
  "portal_members",
  {
    appId: text("app_id").notNull(),
    email: text("email").notNull(),
    capabilities: text("capabilities").array(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.appId, t.email] }), index("portal_members_email_idx").on(t.email)],
);

/** One-time embed tickets; only a hash of the ticket is stored. */
export const portalTickets = pgTable("portal_tickets", {
  hash: text("hash").primaryKey(),
  appId: text("app_id").notNull(),
  /** The session to create: capabilities, lifetime, branding override, origins, session group. */
  params: jsonb("params").$type<Record<string, unknown>>().notNull(),
  coreToken: text("core_token").notNull(),
  expiresAt: ts("expires_at").notNull(),
  usedAt: ts("used_at"),
});

export const portalSessions = pgTable(
  "portal_sessions",
  {
    id: text("id").primaryKey(),
    appId: text("app_id").notNull(),
    /** The SaaS's own `sessionId`, to revoke a group of sessions at once. */
    sessionGroup: text("session_group"),
    source: text("source").$type<"embed" | "magic-link">().notNull(),
    actorEmail: text("actor_email"),
    capabilities: text("capabilities").array().notNull(),
    /** The app-scoped core token, encrypted with a key derived from PORTHOLE_SECRET. */
    coreToken: text("core_token").notNull(),
    branding: jsonb("branding").$type<Record<string, unknown> | null>(),
    allowedOrigins: text("allowed_origins").array(),
    /**
     * Which refresh secret renews the session (the secret is a MAC of id and generation, so none
     * is stored): an older generation presented again is a stolen copy and revokes the session.
     */
    refreshGeneration: integer("refresh_generation").notNull().default(0),
    /** When the refresh secret was last rotated: the one before it may race in for a moment. */
    refreshedAt: ts("refreshed_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("portal_sessions_app_idx").on(t.appId, t.sessionGroup)],
);

export const portalAudit = pgTable(
  "portal_audit",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    appId: text("app_id").notNull(),
    sessionId: text("session_id"),
    actorEmail: text("actor_email"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    action: text("action").notNull(),
    target: text("target"),
    detail: jsonb("detail").$type<Record<string, unknown> | null>(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("portal_audit_app_idx").on(t.appId, t.id)],
);

/** Fixed-window counters shared by all replicas (sign-in requests, ticket exchanges). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: ts("window_start").notNull(),
  count: integer("count").notNull(),
});
