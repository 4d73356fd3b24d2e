/** The delivery log as the portal shows it. No upstream shapes: dates are ISO strings. */

export type DeliveryStatus = "success" | "pending" | "fail" | "sending" | "canceled";

/** The statuses a user can filter by (a destination's state after its latest attempt). */
export const STATUS_FILTERS = ["success", "fail", "sending"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export type { Page } from "./types-common";

/** A row of the log. `status`/`nextAttempt` are that of one endpoint, present when filtered by it. */
export type MessageSummary = {
  id: string;
  eventId: string | null;
  eventType: string;
  channels: string[];
  timestamp: string;
  status?: DeliveryStatus;
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

export type DeliveryAttempt = {
  id: string;
  messageId: string;
  endpointId: string;
  url: string;
  status: DeliveryStatus;
  /** 0 when no response came back (connection error, timeout, refused address). */
  statusCode: number;
  /** The response body as recorded (cut by the core), or the connection error text. */
  response: string;
  durationMs: number;
  triggerType: "scheduled" | "manual";
  timestamp: string;
};

export type MessageFilters = {
  eventTypes?: string[];
  status?: StatusFilter;
  endpoint?: string;
  before?: Date;
  after?: Date;
  channel?: string;
  /** A message id (`msg_…`) or an eventId: an exact lookup. */
  q?: string;
};
