/** The portal's own endpoint shapes: what route handlers return and the UI reads. */

export type { Page } from "./types-common";

export type Endpoint = {
  id: string;
  uid: string | null;
  url: string;
  description: string;
  disabled: boolean;
  /** Event type names this endpoint receives; null = all. */
  filterTypes: string[] | null;
  /** Channels this endpoint listens to; null = all. */
  channels: string[] | null;
  /** Messages per second; null = unlimited. */
  rateLimit: number | null;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
};

/**
 * How an endpoint is doing, shown in the endpoint list. Counts are the messages sent to it in the
 * last 24 hours (by when they were sent) in their state now.
 */
export type EndpointHealth = {
  window: "24h";
  delivered: number;
  failed: number;
  /** Not delivered yet: waiting for a first attempt or being retried. */
  inFlight: number;
  /** delivered / all sent in the window, 0..1; null when nothing was sent. */
  successRate: number | null;
  lastAttemptAt: string | null;
  /** The first failed attempt after the last successful one; null when the latest attempt succeeded. */
  failingSince: string | null;
  /** "auto": disabled after five days of failures; "manual": by a user; "unknown": the delivery service does not say. */
  disabledReason: "auto" | "manual" | "unknown" | null;
};

export type EndpointWithHealth = Endpoint & { health: EndpointHealth };

export type EndpointInput = {
  url: string;
  description?: string;
  filterTypes?: string[] | null;
  channels?: string[] | null;
  rateLimit?: number | null;
  metadata?: Record<string, string>;
  uid?: string | null;
  disabled?: boolean;
};

export type EndpointChanges = Partial<EndpointInput>;

/** Custom headers; values of sensitive ones are withheld and only their names listed. */
export type EndpointHeaders = { headers: Record<string, string>; sensitive: string[] };

export type EndpointSecret = { key: string };

export type EndpointStats = { success: number; pending: number; sending: number; fail: number; canceled: number };

export type ActivityRange = "24h" | "7d" | "30d";
export type ActivityBucket = { start: string; end: string; success: number; fail: number; sending: number };
export type EndpointActivity = { range: ActivityRange; buckets: ActivityBucket[] };

export type TimeWindow = { since: Date; until?: Date };

/** How many failed messages a recover over a window would retry, bounded. */
export type RecoverCount = { count: number; capped: boolean };

/** A started background task (recover, replay). */
export type StartedTask = { taskId: string; status: "running" | "finished" | "failed" };

/** An endpoint's recover and replay deliveries dropped before being attempted; what the application still has queued. */
export type BulkCancelled = { cancelled: number; stillQueued: number };

export type SentExample = { messageId: string; endpointId: string; eventType: string };
