import { z } from "zod";

const dateTime = z.iso.datetime({ offset: true, error: "Use an ISO 8601 date-time." }).transform((v) => new Date(v));

export const attemptsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(250).optional(),
  iterator: z.string().min(1).max(300).optional(),
  status: z.enum(["success", "fail"]).optional(),
  before: dateTime.optional(),
  after: dateTime.optional(),
});
