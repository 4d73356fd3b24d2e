import { withPortalSession } from "@/lib/http/with-portal-session";
import { clearCookie, DIRECT_COOKIE, REFRESH_COOKIE } from "@/lib/session/cookies";
import { revokeSession } from "@/lib/session/store";

/** Ends the session everywhere: its access tokens, refresh secret and cookie stop working. */
export const POST = withPortalSession("ViewBase", async ({ rt, session, audit }) => {
  await revokeSession(rt, session.id);
  await audit("session.logout", session.id);
  const res = new Response(null, { status: 204 });
  res.headers.append("set-cookie", clearCookie(REFRESH_COOKIE));
  res.headers.append("set-cookie", clearCookie(DIRECT_COOKIE));
  return res;
});
