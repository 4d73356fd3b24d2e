import { z } from "zod";

/**
 * Nothing: every session of the app. `sessionId`: the SaaS's own session group (the sessionId it
 * gave app-portal-access). `portalSessionId`: one portal session (`ps_…`).
 */
export const revokeBody = z
  .strictObject({
    sessionId: z.string().min(1).max(64).regex(/^[a-zA-Z0-9@_-]+$/).optional(),
    portalSessionId: z.string().min(1).max(64).regex(/^ps_[a-zA-Z0-9]+$/).optional(),
  })
  .refine((b) => !(b.sessionId && b.portalSessionId), { message: "give sessionId or portalSessionId, not both", path: ["portalSessionId"] });
