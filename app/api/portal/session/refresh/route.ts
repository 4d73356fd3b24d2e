import { writeAudit } from "@/lib/audit";
import { errors } from "@/lib/http/errors";
import { sameOriginRequest } from "@/lib/http/with-portal-session";
import { answer, bindPublic, Refusal } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";
import { noteRequest } from "@/lib/request-log";
import { clearRefreshCookie, readCookie, refreshCookieName } from "@/lib/session/cookies";
import { grantAccess } from "@/lib/session/issue";
import { rotateRefresh } from "@/lib/session/store";

/**
 * After a reload inside the iframe (where the browser kept the partitioned cookie), or when an
 * access token ran out, trade the app's refresh secret for a new access token and a new secret.
 * Cookie-authenticated, so CSRF-checked. A secret that was already rotated ends the session.
 */
export const POST = bindPublic(
  portalRoutes.refreshSession,
  async ({ rt, req, body: { appId } }) => {
    const refresh = readCookie(req, refreshCookieName(appId));
    const rotated = refresh ? await rotateRefresh(rt, appId, refresh) : null;
    // Another frame of this app renewed with the same cookie a moment ago: its new one stays.
    if (rotated === "raced") throw errors.unauthorized();
    const refused = new Refusal(errors.unauthorized(), { "set-cookie": clearRefreshCookie(appId) });
    if (!rotated) throw refused;
    noteRequest(req, { appId });
    if ("reused" in rotated) {
      const { id, actorEmail } = rotated.reused;
      await writeAudit(rt, req, { appId, sessionId: id, actorEmail, action: "session.refresh_reused", target: id, detail: { revoked: true } });
      throw refused;
    }
    const { granted, cookie } = await grantAccess(rt, rotated.session, rotated.refresh);
    return answer(granted, { "set-cookie": cookie });
  },
  async (rt, req) => {
    if (!sameOriginRequest(rt, req)) throw errors.forbidden();
  },
);
