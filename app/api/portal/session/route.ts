import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";
import { sessionView } from "@/lib/session/issue";

/** The current session: application, capabilities (so the UI hides what is not allowed), branding. */
export const GET = bind(portalRoutes.getSession, ({ rt, session }) => sessionView(rt, session));
