import { and, eq, or } from "drizzle-orm";
import type { AppRow, EndpointRow, MessageRow } from "@/lib/db/rows";
import { applications, endpoints, messages } from "@/lib/db/schema";
import { forbidden, notFound } from "./errors";
import type { RequestContext } from "./router";

export function requireOrg(ctx: RequestContext): void {
  if (ctx.principal.kind !== "org") throw forbidden();
}

export function param(ctx: RequestContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw notFound();
  return value;
}

/** The app named by id or uid; an app token for another app gets 404, so existence does not leak. */
export async function resolveApp(ctx: RequestContext, idOrUid = param(ctx, "app_id")): Promise<AppRow> {
  const [app] = await ctx.core.db
    .select()
    .from(applications)
    .where(idOrUid.startsWith("app_") ? eq(applications.id, idOrUid) : eq(applications.uid, idOrUid))
    .limit(1);
  if (!app) throw notFound();
  if (ctx.principal.kind === "app" && ctx.principal.appId !== app.id) throw notFound();
  return app;
}

export async function resolveEndpoint(ctx: RequestContext, app: AppRow, idOrUid = param(ctx, "endpoint_id")): Promise<EndpointRow> {
  const [ep] = await ctx.core.db
    .select()
    .from(endpoints)
    .where(and(eq(endpoints.appId, app.id), or(eq(endpoints.id, idOrUid), eq(endpoints.uid, idOrUid))))
    .limit(1);
  if (!ep) throw notFound();
  return ep;
}

export async function resolveMessage(ctx: RequestContext, app: AppRow, idOrEventId = param(ctx, "msg_id")): Promise<MessageRow> {
  const [msg] = await ctx.core.db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.appId, app.id),
        idOrEventId.startsWith("msg_") ? eq(messages.id, idOrEventId) : eq(messages.eventId, idOrEventId),
      ),
    )
    .limit(1);
  if (!msg) throw notFound();
  return msg;
}
