import { z } from "zod";
import { STATUS_FILTERS } from "@/lib/delivery-api/types-messages";
import { errors } from "@/lib/http/errors";

const NAME = /^[a-zA-Z0-9\-_.]+$/;

/** Ids, uids, eventIds, event-type and channel names all share Svix's pattern. */
export const name = z.string().min(1).max(256).regex(NAME, "Use letters, digits, '-', '_' or '.'.");

const isoDate = z.iso.datetime({ offset: true, error: "Use an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z." }).transform((v) => new Date(v));

export const messageFilters = z.object({
  eventTypes: z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(name).max(50))
    .optional(),
  status: z.enum(STATUS_FILTERS).optional(),
  endpoint: name.optional(),
  before: isoDate.optional(),
  after: isoDate.optional(),
  channel: name.max(128).optional(),
  q: name.optional(),
});

/**
 * A message has one status per destination, so a status filter needs the endpoint it is about.
 * We refuse it without one rather than scan every message's destinations.
 */
export function statusNeedsEndpoint(v: { status?: unknown; endpoint?: unknown }, ctx: z.RefinementCtx): void {
  if (v.status !== undefined && v.endpoint === undefined) {
    ctx.addIssue({ code: "custom", path: ["status"], message: "Choose an endpoint to filter by status." });
  }
}

export const pageParams = {
  limit: z.coerce.number().int().min(1).max(250).default(50),
  iterator: z.string().min(1).max(300).optional(),
};

export const listQuery = messageFilters.extend(pageParams).superRefine(statusNeedsEndpoint);

/** The query string as an object; empty values (an unset filter in a form) count as absent. */
export function searchParamsOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(req.url).searchParams) if (v !== "") out[k] = v;
  return out;
}

/** A path id that cannot name a message (or an eventId) is simply not found. */
export function messageRef(raw: string): string {
  const parsed = name.safeParse(raw);
  if (!parsed.success) throw errors.notFound("Message not found");
  return parsed.data;
}
