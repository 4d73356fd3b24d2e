import { z } from "zod";
import { messageFilters, statusNeedsEndpoint } from "../schema";

/** No export carries more rows than this; past it the file says it was cut short. */
export const EXPORT_MAX_ROWS = 10_000;

export const exportQuery = messageFilters
  .extend({
    format: z.enum(["csv", "json"]).default("csv"),
    /** A lower cap for one export (a preview, or a test of the cut-off). */
    max: z.coerce.number().int().min(1).max(EXPORT_MAX_ROWS).default(EXPORT_MAX_ROWS),
  })
  .superRefine(statusNeedsEndpoint);
