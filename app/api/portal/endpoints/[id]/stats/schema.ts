import { z } from "zod";

const dateTime = z.iso.datetime({ offset: true, error: "Use an ISO 8601 date-time." }).transform((v) => new Date(v));

export const statsQuery = z.object({ since: dateTime.optional(), until: dateTime.optional() });
