import { z } from "zod";

export const directSessionBody = z.object({ appId: z.string().min(1).max(256) });

/** The one-time ticket from the portal link's fragment. */
export const ticketBody = z.object({ ticket: z.string().min(20).max(200) });
