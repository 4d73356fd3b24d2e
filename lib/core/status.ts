/**
 * A delivery's state, stored in message_destinations.status and message_attempts.status. The
 * numbers are Svix's MessageStatus, so the wire layer passes them through unchanged.
 */
export const Status = { success: 0, pending: 1, fail: 2, sending: 3 } as const;

/** Svix's `statusText` for each stored status. */
export const STATUS_TEXT: Record<number, string> = { 0: "success", 1: "pending", 2: "fail", 3: "sending" };
