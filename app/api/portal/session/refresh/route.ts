import { errorResponse, errors } from "@/lib/http/errors";
import { sameOriginRequest } from "@/lib/http/with-portal-session";
import { noteRequest, withRequestLog } from "@/lib/request-log";
import { runtime } from "@/lib/runtime";
import { clearCookie, readCookie, REFRESH_COOKIE } from "@/lib/session/cookies";
import { issueAccess } from "@/lib/session/issue";
import { rotateRefresh } from "@/lib/session/store";

/**
 * After a reload inside the iframe (where the browser kept the partitioned cookie), trade the
 * refresh secret for a new access token and a new secret. Cookie-authenticated, so CSRF-checked.
 */
export const POST = withRequestLog(async (req: Request): Promise<Response> => {
  try {
    const rt = await runtime();
    if (!sameOriginRequest(rt, req)) throw errors.forbidden();
    const refresh = readCookie(req, REFRESH_COOKIE);
    const rotated = refresh ? await rotateRefresh(rt, refresh) : null;
    if (!rotated) {
      const res = errorResponse(errors.unauthorized());
      res.headers.append("set-cookie", clearCookie(REFRESH_COOKIE));
      return res;
    }
    noteRequest(req, { appId: rotated.session.appId });
    return await issueAccess(rt, rotated.session, rotated.refresh);
  } catch (err) {
    return errorResponse(err);
  }
});
