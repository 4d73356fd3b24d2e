import "server-only";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow();

export const applications = pgTable(
  "applications",
  {
    id: text("id").primaryKey(),
    uid: text("uid"),
    name: text("name").notNull(),
    throttleRate: integer("throttle_rate"),
    metadata: jsonb("metadata").$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("applications_uid_key").on(t.uid)],
);

export const eventTypes = pgTable("event_types", {
  name: text("name").primaryKey(),
  description: text("description").notNull(),
  archived: boolean("archived").notNull().default(false),
  deprecated: boolean("deprecated").notNull().default(false),
  // json, not jsonb: a schema's properties keep the order their author wrote them in (the
  // catalog shows them that way); nothing queries inside it.
  schemas: json("schemas").$type<Record<string, unknown> | null>(),
  featureFlag: text("feature_flag"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type OldSecret = { key: string; expiresAt: string };

export const endpoints = pgTable(
  "endpoints",
  {
    id: text("id").primaryKey(),
    appId: text("app_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    uid: text("uid"),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    disabled: boolean("disabled").notNull().default(false),
    eventTypes: text("event_types").array(),
    channels: text("channels").array(),
    throttleRate: integer("throttle_rate"),
    metadata: jsonb("metadata").$type<Record<string, string>>().notNull().default({}),
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    secret: text("secret").notNull(),
    oldSecrets: jsonb("old_secrets").$type<OldSecret[]>().notNull().default([]),
    /** When retries to this endpoint were first exhausted since its last success (auto-disable clock). */
    firstFailureAt: timestamp("first_failure_at", { withTimezone: true, precision: 3 }),
    /** The first failed attempt since the last successful one (null while the latest attempt succeeded). */
    failingSince: timestamp("failing_since", { withTimezone: true, precision: 3 }),
    /** Why `disabled` is set: "auto" (retries failed for the auto-disable period) or "manual" (a user); null while enabled. */
    disabledReason: text("disabled_reason").$type<"auto" | "manual">(),
    /** Theoretical arrival time of the next allowed delivery (GCRA throttle, shared by all workers). */
    throttleTat: timestamp("throttle_tat", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("endpoints_app_uid_key").on(t.appId, t.uid), index("endpoints_app_idx").on(t.appId, t.id)],
);

export const messages = pgTable(
  "messages",
  {
    id: text("id").primaryKey(),
    appId: text("app_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    eventId: text("event_id"),
    eventType: text("event_type").notNull(),
    /** The JSON text as received; null once expunged. */
    payload: text("payload"),
    channels: text("channels").array(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("messages_app_event_id_key").on(t.appId, t.eventId),
    index("messages_app_idx").on(t.appId, t.id),
    // Housekeeping finds payloads past their retention without scanning every message.
    index("messages_payload_expiry_idx").on(t.expiresAt).where(sql`${t.payload} IS NOT NULL`),
  ],
);

/** One row per (message, endpoint): the latest delivery state that the attempted-messages views show. */
export const messageDestinations = pgTable(
  "message_destinations",
  {
    msgId: text("msg_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    appId: text("app_id").notNull(),
    status: smallint("status").notNull(),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.msgId, t.endpointId] }),
    index("message_destinations_endpoint_idx").on(t.endpointId, t.msgId),
    index("message_destinations_endpoint_created_idx").on(t.endpointId, t.createdAt),
  ],
);

/**
 * Destinations whose latest outcome was a failure: failed for good (destination status fail) or
 * being retried (status sending). Kept apart from message_destinations so that the log can find
 * failing messages through an index while the dispatcher's outcome updates there stay heap-only
 * (an index on message_destinations.status made them index writes). Rows come on a failure and go
 * on the next success of a task that had failed before; the destination's own status is the
 * truth, this table only says where to look.
 */
export const failingDestinations = pgTable(
  "failing_destinations",
  {
    msgId: text("msg_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    appId: text("app_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.msgId, t.endpointId] }),
    index("failing_destinations_app_idx").on(t.appId, t.msgId),
    index("failing_destinations_endpoint_idx").on(t.endpointId, t.msgId),
  ],
);

/**
 * The work queue. A claimed task carries its lease (id and expiry) and keeps its run_at, so a dead
 * worker's work comes back once the lease has run out. Claims change no indexed column, so with the
 * free room the table's fillfactor leaves on each page they are heap-only (HOT) updates.
 */
export const deliveryTasks = pgTable(
  "delivery_tasks",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    msgId: text("msg_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    appId: text("app_id").notNull(),
    /** 0 scheduled, 1 manual (resend, recover, replay): manual tasks are tried once. */
    trigger: smallint("trigger").notNull().default(0),
    /** Attempts already made by this task. */
    attempts: smallint("attempts").notNull().default(0),
    /**
     * Queued by a bulk action (recover, replay-missing): background work that the dispatcher gives
     * only a share of its slots, counted against the application's bulk limit, and cancellable.
     */
    bulk: boolean("bulk").notNull().default(false),
    runAt: timestamp("run_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    leaseId: text("lease_id"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    // One index per kind of work, so a claim looking for new messages never walks a bulk backlog.
    index("delivery_tasks_run_at_idx").on(t.runAt).where(sql`NOT ${t.bulk}`),
    index("delivery_tasks_bulk_run_at_idx").on(t.runAt).where(sql`${t.bulk}`),
    index("delivery_tasks_msg_idx").on(t.msgId),
    // Cancelling an endpoint's bulk work, and counting an application's.
    index("delivery_tasks_bulk_endpoint_idx").on(t.endpointId).where(sql`${t.bulk}`),
    index("delivery_tasks_bulk_app_idx").on(t.appId).where(sql`${t.bulk}`),
  ],
);

/**
 * Limits a SaaS sets per application (admin API); a null column means the default from the
 * environment (ENDPOINTS_PER_APP, BULK_TASKS_PER_APP).
 */
export const appLimits = pgTable("app_limits", {
  appId: text("app_id")
    .primaryKey()
    .references(() => applications.id, { onDelete: "cascade" }),
  maxEndpoints: integer("max_endpoints"),
  maxBulkTasks: integer("max_bulk_tasks"),
  updatedAt: updatedAt(),
});

export const messageAttempts = pgTable(
  "message_attempts",
  {
    id: text("id").primaryKey(),
    msgId: text("msg_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    appId: text("app_id").notNull(),
    url: text("url").notNull(),
    response: text("response").notNull(),
    responseStatusCode: integer("response_status_code").notNull(),
    responseDurationMs: integer("response_duration_ms").notNull(),
    status: smallint("status").notNull(),
    triggerType: smallint("trigger_type").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("message_attempts_endpoint_idx").on(t.endpointId, t.id),
    index("message_attempts_msg_idx").on(t.msgId, t.id),
  ],
);


/** App-scoped tokens ended early by POST /auth/logout; rows can go once the token would have expired. */
export const revokedTokens = pgTable("revoked_tokens", {
  jti: text("jti").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
});

/**
 * POST responses kept by Idempotency-Key (scoped to the caller's token and the URL), so a retried
 * request gets the first one's answer instead of acting twice. `state` 0: a request holds the key
 * until `locked_until`; 1: `status` and `body` are the answer, replayed until `expires_at`.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    key: text("key").primaryKey(),
    state: smallint("state").notNull(),
    status: integer("status"),
    body: text("body"),
    headers: jsonb("headers").$type<Record<string, string>>(),
    lockedUntil: timestamp("locked_until", { withTimezone: true, precision: 3 }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("idempotency_keys_expires_idx").on(t.expiresAt)],
);

export * from "./portal-schema";
export * from "./auth-schema";
