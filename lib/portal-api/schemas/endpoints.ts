import { z } from "zod";
import { nameSchema, storableDate, storableString } from "@/lib/storable";

const nameError = "Use letters, digits, '-', '_' and '.' only.";

export const eventTypeName = nameSchema(256, nameError);
const channel = nameSchema(128, nameError);
const dateTime = storableDate("Use an ISO 8601 date-time.");

/** The `[id]` path segment: an endpoint id or uid. Anything else cannot name an endpoint: 404. */
export const endpointParams = z.object({ id: nameSchema(256, nameError) });

/**
 * The fields a portal user may set on an endpoint, in the portal's words (ADR 5). Limits the
 * delivery service owns (the rate ceiling, private addresses) are its to check; its 422 comes
 * back on these names.
 */
export const endpointFields = {
  url: z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL." }).max(65_536),
  description: z.string().max(4096),
  filterTypes: z.array(eventTypeName).min(1).max(1000),
  channels: z.array(channel).min(1).max(10),
  rateLimit: z.number().int().min(1),
  metadata: z.record(storableString().max(256), storableString().max(4096)),
  // A uid may not look like an id, or a lookup by "id or uid" would be ambiguous.
  uid: nameSchema(256, nameError).refine((v) => !v.startsWith("ep_"), 'May not start with "ep_".'),
  disabled: z.boolean(),
};

export const endpointCreate = z.object({
  url: endpointFields.url,
  description: endpointFields.description.optional(),
  filterTypes: endpointFields.filterTypes.nullish(),
  channels: endpointFields.channels.nullish(),
  rateLimit: endpointFields.rateLimit.nullish(),
  metadata: endpointFields.metadata.optional(),
  uid: endpointFields.uid.nullish(),
  disabled: endpointFields.disabled.optional(),
});

/** Any subset of the create fields; null clears the filters, the rate limit and the uid. */
export const endpointPatch = endpointCreate.partial();

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(250).optional(),
  iterator: z.string().min(1).max(300).optional(),
});

/** The whole set of custom headers; the core decides which names are allowed. */
export const headersPut = z.object({
  headers: z
    .record(z.string().min(1).max(256), z.string().max(4096))
    .refine((h) => Object.keys(h).length <= 100, "At most 100 headers."),
});

/**
 * Some headers at once, the others left as they are: the way to keep a sensitive header whose
 * value the portal never sees while another one changes (a replace would have to send it).
 */
export const headersPatch = z.object({
  headers: z.record(z.string().min(1).max(256), z.string().max(4096)),
  deleteHeaders: z.array(z.string().min(1).max(256)).max(100).optional(),
});

/** How long the previous secret keeps signing alongside the new one (Svix: up to 7 days, default 24 h). */
export const rotateIn = z.object({ gracePeriodSeconds: z.number().int().min(0).max(604_800).optional() });

export const statsQuery = z.object({ since: dateTime.optional(), until: dateTime.optional() });

export const activityQuery = z.object({ range: z.enum(["24h", "7d", "30d"]).default("24h") });

export const attemptsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(250).optional(),
  iterator: z.string().min(1).max(300).optional(),
  status: z.enum(["success", "fail"]).optional(),
  before: dateTime.optional(),
  after: dateTime.optional(),
});

// Svix looks back at most 14 days from `until` (with five minutes of slack for clocks).
const MAX_WINDOW_MS = 14 * 86_400_000 + 5 * 60_000;

/** A recover or replay window, as a body or as the query of the "how many" preview. */
export const recoverWindow = z
  .object({ since: dateTime, until: dateTime.optional() })
  .superRefine((w, ctx) => {
    // zod runs this even when a field failed (its transform skipped, so no Date): only the field's issue then.
    if (!(w.since instanceof Date) || (w.until !== undefined && !(w.until instanceof Date))) return;
    const until = (w.until ?? new Date()).getTime();
    if (w.since.getTime() > until) ctx.addIssue({ code: "custom", path: ["since"], message: "Must be before until." });
    else if (until - w.since.getTime() > MAX_WINDOW_MS) {
      ctx.addIssue({ code: "custom", path: ["since"], message: "Must be at most 14 days before until." });
    }
  });

export const sendExampleIn = z.object({ eventType: eventTypeName });
