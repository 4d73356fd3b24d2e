import { writeAudit } from "@/lib/audit";
import { appScope, call, type AppScope } from "@/lib/delivery-api/client";
import { noteRequest, withRequestLog } from "@/lib/request-log";
import { runtime, type Runtime } from "@/lib/runtime";
import { verifySessionToken } from "@/lib/session/access-token";
import type { Capability } from "@/lib/session/capabilities";
import { DIRECT_COOKIE, readCookie } from "@/lib/session/cookies";
import { loadSession, revokeSession, type PortalSession } from "@/lib/session/store";
import { errorResponse, errors } from "./errors";

/** The header a same-origin fetch from our own pages sets; a cross-site form cannot. */
export const CSRF_HEADER = "x-porthole-request";

export type PortalContext<P> = {
  req: Request;
  params: P;
  session: PortalSession;
  scope: AppScope;
  rt: Runtime;
  /** Records a mutating action in the application's audit log. */
  audit(action: string, target?: string | null, detail?: Record<string, unknown>): Promise<void>;
  /** Runs an upstream call, mapping its errors to ours. */
  call: typeof call;
};

type RouteContext<P> = { params: Promise<P> };

/**
 * The one wrapper every BFF handler uses: session → capability → handler. Bearer tokens come
 * from the embedded iframe's memory; the first-party cookie (magic-link users) must also pass
 * the CSRF check. `bind()` (lib/portal-api) parses the input the route table declares; the
 * handler talks to the delivery API through `scope`, which can only reach the session's application.
 */
export function withPortalSession<P = Record<string, never>>(
  capability: Capability,
  handler: (ctx: PortalContext<P>) => Promise<Response>,
) {
  return withRequestLog(async (req: Request, route: RouteContext<P>): Promise<Response> => {
    let ctx: PortalContext<P> | undefined;
    try {
      const rt = await runtime();
      const session = await authenticate(rt, req);
      if (!session) throw errors.unauthorized();
      noteRequest(req, { appId: session.appId });
      if (!session.capabilities.includes(capability)) throw errors.forbidden();
      const params = (await route?.params) ?? ({} as P);
      ctx = {
        req,
        params,
        session,
        rt,
        scope: appScope(rt.coreLink, session.coreToken, session.appId, { showUrlCredentials: session.capabilities.includes("ViewEndpointSecret") }),
        audit: (action, target, detail) =>
          writeAudit(rt, req, { appId: session.appId, sessionId: session.id, actorEmail: session.actorEmail, action, target, detail }),
        call,
      };
      const res = await handler(ctx);
      // A handler that made do without a refused call (a health figure left out) still ends it.
      if (ctx.scope.tokenRefused()) return endRefusedSession(ctx);
      res.headers.set("cache-control", "no-store");
      return res;
    } catch (err) {
      if (ctx?.scope.tokenRefused()) return endRefusedSession(ctx);
      return errorResponse(err);
    }
  });
}

/**
 * The core refused the session's own token (revoked with POST /api/v1/auth/logout, or expired
 * there): nothing the session does can work again, so it ends here too, with an audit row, and
 * the browser gets the 401 that makes it renew (refused: the session is revoked) or ask its host.
 */
async function endRefusedSession<P>(ctx: PortalContext<P>): Promise<Response> {
  try {
    await revokeSession(ctx.rt, ctx.session.id);
    await ctx.audit("session.core_token_refused", ctx.session.id, { revoked: true });
  } catch (err) {
    return errorResponse(err);
  }
  return errorResponse(errors.unauthorized());
}

async function authenticate(rt: Runtime, req: Request): Promise<PortalSession | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  if (bearer) {
    const sid = await verifySessionToken(rt.secret, "access", bearer);
    return sid ? loadSession(rt, sid) : null;
  }
  const cookie = readCookie(req, DIRECT_COOKIE);
  if (!cookie) return null;
  if (!sameOriginRequest(rt, req)) throw errors.forbidden();
  const sid = await verifySessionToken(rt.secret, "direct", cookie);
  if (!sid) return null;
  const session = await loadSession(rt, sid);
  return session?.source === "magic-link" ? session : null;
}

/**
 * CSRF for cookie-authenticated calls: a header only our scripts set, from our own origin.
 * Browsers leave Origin off same-origin GETs, so without one the Fetch Metadata header must say
 * same-origin; a request that carries neither is refused.
 */
export function sameOriginRequest(rt: Runtime, req: Request): boolean {
  if (req.headers.get(CSRF_HEADER) !== "1") return false;
  const origin = req.headers.get("origin");
  if (origin === null) return req.headers.get("sec-fetch-site") === "same-origin";
  return origin === new URL(rt.portalUrl).origin;
}
