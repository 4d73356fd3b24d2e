/** The delivery log as the portal shows it. No upstream shapes: dates are ISO strings. */

import type { DeliveryStatus } from "./types-common";

export type { DeliveryStatus, Page } from "./types-common";

/** The statuses a user can filter one endpoint's messages by (a destination's state after its latest attempt). */
export const STATUS_FILTERS = ["success", "fail", "sending"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/**
 * A message's status over all its destinations, worst first: `fail` (a destination failed for
 * good), `retrying` (a destination's latest attempt failed and another is queued), `sending` (a
 * destination awaits its attempt), `success` (every destination got it), `none` (no endpoint
 * received it). With an external core `retrying` reads as `sending`: Svix's lists do not tell them apart.
 */
export const LOG_STATES = ["fail", "retrying", "sending", "success", "none"] as const;
export type LogState = (typeof LOG_STATES)[number];

/**
 * A row of the log. `status`/`nextAttempt`: filtered by an endpoint, the message's state there;
 * otherwise its state over all destinations (`LogState`) and the earliest next attempt.
 */
export type MessageSummary = {
  id: string;
  eventId: string | null;
  eventType: string;
  channels: string[];
  timestamp: string;
  status?: DeliveryStatus | LogState;
  nextAttempt?: string | null;
};

/** Where a message went: one endpoint and the state of its latest attempt there. */
export type MessageDestination = {
  endpointId: string;
  url: string;
  description: string;
  status: DeliveryStatus;
  nextAttempt: string | null;
};

export type MessageDetail = Omit<MessageSummary, "status" | "nextAttempt"> & {
  payload: unknown;
  destinations: MessageDestination[];
  /** False when the message reached more destinations than one view lists. */
  destinationsComplete: boolean;
};

export type MessageFilters = {
  eventTypes?: string[];
  /** Any of these states; with `endpoint`, one `StatusFilter` at that endpoint. */
  status?: LogState[];
  endpoint?: string;
  before?: Date;
  after?: Date;
  channel?: string;
  /** A message id (`msg_…`) or an eventId: an exact lookup. */
  q?: string;
};

/** A queued manual delivery: the message (by id, even when asked by eventId) and the endpoint. */
export type Resent = { messageId: string; endpointId: string };

/** The rows an export of a filter would carry: `count` up to the cap, `capped` when more match. */
export type ExportCount = { count: number; max: number; capped: boolean };
