import type { DeliveryStatus } from "./types-common";

/** One delivery attempt, as every portal screen shows it (a message's or an endpoint's). */
export type Attempt = {
  id: string;
  messageId: string;
  endpointId: string;
  url: string;
  status: DeliveryStatus;
  /** 0 when no response came back (connection error, timeout, refused address). */
  statusCode: number;
  durationMs: number;
  /** The receiver's response body (bounded by the core), or the connection error. */
  response: string;
  trigger: "scheduled" | "manual";
  timestamp: string;
};

/** Whose attempts: one endpoint's (filterable by outcome and time), or one message's. */
export type AttemptsOf =
  | { endpoint: string; message?: undefined; status?: "success" | "fail"; before?: Date; after?: Date }
  | { message: string; endpoint?: string };
