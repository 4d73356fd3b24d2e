import { z } from "zod";
import { LOG_STATES, STATUS_FILTERS, type LogState } from "@/lib/delivery-api/types-messages";
import { nameSchema, storableDate } from "@/lib/storable";

/** Ids, uids, eventIds, event-type and channel names all share Svix's pattern. */
export const name = nameSchema(256, "Use letters, digits, '-', '_' or '.'.");

const isLogState = (s: string): s is LogState => (LOG_STATES as readonly string[]).includes(s);

const isoDate = storableDate("Use an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z.");

export const messageFilters = z.object({
  eventTypes: z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(name).max(50))
    .optional(),
  // Any of these states over all destinations, comma-separated; with `endpoint`, one state there.
  status: z
    .string()
    .transform((v) => [...new Set(v.split(",").map((s) => s.trim()).filter(Boolean))])
    .refine((list) => list.length > 0 && list.every(isLogState), `Use one or more of ${LOG_STATES.join(", ")}, comma-separated.`)
    .transform((list) => list as LogState[])
    .optional(),
  endpoint: name.optional(),
  before: isoDate.optional(),
  after: isoDate.optional(),
  channel: name.max(128).optional(),
  q: name.optional(),
});

/** With an endpoint, the status filter is the message's one state there. */
function oneStatusAtEndpoint(v: { status?: string[]; endpoint?: unknown }, ctx: z.RefinementCtx): void {
  if (v.endpoint === undefined || v.status === undefined) return;
  if (v.status.length !== 1 || !(STATUS_FILTERS as readonly string[]).includes(v.status[0]!)) {
    ctx.addIssue({ code: "custom", path: ["status"], message: `With an endpoint, choose one of ${STATUS_FILTERS.join(", ")}.` });
  }
}

export const pageParams = {
  limit: z.coerce.number().int().min(1).max(250).default(50),
  iterator: z.string().min(1).max(300).optional(),
};

export const listQuery = messageFilters.extend(pageParams).superRefine(oneStatusAtEndpoint);

/** The `[id]` path segment: a message id or eventId. Anything else cannot name a message: 404. */
export const messageParams = z.object({ id: name });

export const attemptsQuery = z.object({ endpoint: name.optional(), ...pageParams });

export const resendBody = z.object({ endpointId: name });

/** No export carries more rows than this; past it the file says it was cut short. */
export const EXPORT_MAX_ROWS = 10_000;

// The export filters as the list does: a status across endpoints, or one state at an endpoint.
export const exportQuery = messageFilters
  .extend({
    format: z.enum(["csv", "json"]).default("csv"),
    /** A lower cap for one export (a preview, or a test of the cut-off). */
    max: z.coerce.number().int().min(1).max(EXPORT_MAX_ROWS).default(EXPORT_MAX_ROWS),
  })
  .superRefine(oneStatusAtEndpoint);

/** How many rows an export of these filters would carry, counted up to the export's cap. */
export const countQuery = messageFilters.superRefine(oneStatusAtEndpoint);
