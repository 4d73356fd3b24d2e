import { z } from "zod";

/** How long the previous secret keeps signing alongside the new one (Svix: up to 7 days, default 24 h). */
export const rotateIn = z.object({ gracePeriodSeconds: z.number().int().min(0).max(604_800).optional() });
