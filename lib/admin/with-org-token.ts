import { writeAudit } from "@/lib/audit";
import { call } from "@/lib/delivery-api/client";
import { findApp, isOrgToken } from "@/lib/delivery-api/portal-access";
import { errorResponse, errors, PortalError } from "@/lib/http/errors";
import { noteRequest, withRequestLog } from "@/lib/request-log";
import { runtime, type Runtime } from "@/lib/runtime";
import { isKnownOrgToken, rememberOrgToken } from "./org-token-cache";

export type AdminContext<P> = {
  req: Request;
  params: P;
  rt: Runtime;
  /** Records an admin change in the audit log of `appId` (the org scope for org-wide settings). */
  audit(appId: string, action: string, target?: string | null, detail?: Record<string, unknown>): Promise<void>;
};

export type AdminAppContext<P> = AdminContext<P> & { app: { id: string; name: string } };

type RouteContext<P> = { params: Promise<P> };

const notOrgToken = () => new PortalError("unauthorized", "An organisation API token is required.");

/**
 * The SaaS-facing admin API's one wrapper: the Bearer token must be the organisation's, checked
 * against the core (an app-scoped portal token is not enough). Positive answers are cached
 * briefly so a burst of admin calls costs one core round-trip.
 */
export function withOrgToken<P = Record<string, never>>(handler: (ctx: AdminContext<P>) => Promise<Response>) {
  return withRequestLog(async (req: Request, route: RouteContext<P>): Promise<Response> => {
    try {
      const rt = await runtime();
      await authenticate(rt, req);
      const params = (await route?.params) ?? ({} as P);
      const res = await handler({
        req,
        params,
        rt,
        audit: (appId, action, target, detail) =>
          writeAudit(rt, req, { appId, sessionId: null, actorEmail: null, action, target, detail }),
      });
      res.headers.set("cache-control", "no-store");
      return res;
    } catch (err) {
      return errorResponse(err);
    }
  });
}

/** `withOrgToken` for /api/admin/apps/{appId}/…: the app (id or uid) must exist, else 404. */
export function withOrgApp<P extends { appId: string }>(handler: (ctx: AdminAppContext<P>) => Promise<Response>) {
  return withOrgToken<P>(async (ctx) => {
    const app = await call(() => findApp(ctx.rt.coreLink, bearerOf(ctx.req)!, ctx.params.appId));
    if (!app) throw errors.notFound("Application not found");
    noteRequest(ctx.req, { appId: app.id });
    return handler({ ...ctx, app });
  });
}

async function authenticate(rt: Runtime, req: Request): Promise<void> {
  const token = bearerOf(req);
  if (!token || token.length > 4096) throw notOrgToken();
  if (isKnownOrgToken(rt.coreLink, token)) return;
  if (!(await call(() => isOrgToken(rt.coreLink, token)))) throw notOrgToken();
  rememberOrgToken(rt.coreLink, token);
}

function bearerOf(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
}
