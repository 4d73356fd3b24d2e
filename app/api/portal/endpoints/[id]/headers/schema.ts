import { z } from "zod";

/** The whole set of custom headers; the core decides which names are allowed. */
export const headersPut = z.object({
  headers: z
    .record(z.string().min(1).max(256), z.string().max(4096))
    .refine((h) => Object.keys(h).length <= 100, "At most 100 headers."),
});
