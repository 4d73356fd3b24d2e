import { z } from "zod";

const dateTime = z.iso.datetime({ offset: true, error: "Use an ISO 8601 date-time." }).transform((v) => new Date(v));
// Svix looks back at most 14 days from `until` (with five minutes of slack for clocks).
const MAX_WINDOW_MS = 14 * 86_400_000 + 5 * 60_000;

/** A recover or replay window, as a body or as the query of the "how many" preview. */
export const recoverWindow = z
  .object({ since: dateTime, until: dateTime.optional() })
  .refine((w) => w.since.getTime() <= (w.until ?? new Date()).getTime(), { path: ["since"], error: "Must be before until." })
  .refine((w) => (w.until ?? new Date()).getTime() - w.since.getTime() <= MAX_WINDOW_MS, {
    path: ["since"],
    error: "Must be at most 14 days before until.",
  });
