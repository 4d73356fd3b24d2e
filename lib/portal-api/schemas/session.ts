import { z } from "zod";

export const directSessionBody = z.object({ appId: z.string().min(1).max(256) });

/** The application the portal page's path names (/embed/{app_id}): portal links name apps by id. */
const pageApp = z.string().regex(/^app_[a-zA-Z0-9]{1,64}$/, "Not an application id.");

/**
 * The one-time ticket from the portal link's fragment, and the app of the page that opened it:
 * a ticket is only spent at its own application's page.
 */
export const ticketBody = z.object({ ticket: z.string().min(20).max(200), appId: pageApp });

/** Which application's refresh cookie to use: each has its own, so portals for two apps on one page coexist. */
export const refreshBody = z.object({ appId: pageApp });
