import { errors } from "@/lib/http/errors";
import { sameOriginRequest } from "@/lib/http/with-portal-session";
import { answer, bindPublic, Refusal } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";
import { noteRequest } from "@/lib/request-log";
import { clearCookie, readCookie, REFRESH_COOKIE } from "@/lib/session/cookies";
import { grantAccess } from "@/lib/session/issue";
import { rotateRefresh } from "@/lib/session/store";

/**
 * After a reload inside the iframe (where the browser kept the partitioned cookie), or when an
 * access token ran out, trade the refresh secret for a new access token and a new secret.
 * Cookie-authenticated, so CSRF-checked.
 */
export const POST = bindPublic(
  portalRoutes.refreshSession,
  async ({ rt, req }) => {
    const refresh = readCookie(req, REFRESH_COOKIE);
    const rotated = refresh ? await rotateRefresh(rt, refresh) : null;
    if (!rotated) throw new Refusal(errors.unauthorized(), { "set-cookie": clearCookie(REFRESH_COOKIE) });
    noteRequest(req, { appId: rotated.session.appId });
    const { granted, cookie } = await grantAccess(rt, rotated.session, rotated.refresh);
    return answer(granted, { "set-cookie": cookie });
  },
  async (rt, req) => {
    if (!sameOriginRequest(rt, req)) throw errors.forbidden();
  },
);
