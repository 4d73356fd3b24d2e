import { withPortalSession } from "@/lib/http/with-portal-session";
import { sessionView } from "@/lib/session/issue";

/** The current session: application, capabilities (so the UI hides what is not allowed), branding. */
export const GET = withPortalSession("ViewBase", async ({ rt, session }) => Response.json(await sessionView(rt, session)));
