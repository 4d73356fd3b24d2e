import { answer, bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";
import { clearDirectCookie, clearRefreshCookie } from "@/lib/session/cookies";
import { revokeSession } from "@/lib/session/store";

/** Ends the session everywhere: its access tokens, refresh secret and cookie stop working. */
export const POST = bind(portalRoutes.logout, async ({ rt, session, audit }) => {
  await revokeSession(rt, session.id);
  await audit("session.logout", session.id);
  return answer(undefined, [
    ["set-cookie", clearRefreshCookie(session.appId)],
    ["set-cookie", clearDirectCookie()],
  ]);
});
