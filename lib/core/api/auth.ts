import { sql } from "drizzle-orm";
import { z } from "zod";
import { requireOrg } from "./access";
import { applicationIn, resolveOrCreateApp } from "./applications";
import { json, noContent, parse } from "./http";
import { route } from "./router";
import { readOptionalJson } from "./schemas";

const portalAccessIn = z.object({
  featureFlags: z.array(z.string().max(256).regex(/^[a-zA-Z0-9\-_.]+$/)).max(25).optional(),
  expiry: z.number().int().min(3600).max(604800).nullish(),
  application: applicationIn.nullish(),
  capabilities: z.array(z.string()).nullish(),
  readOnly: z.boolean().nullish(),
  sessionId: z.string().max(64).regex(/^[a-zA-Z0-9@_-]+$/).nullish(),
});

export const authRoutes = [
  route("POST", "/auth/app-portal-access/{app_id}", async (ctx) => {
    requireOrg(ctx);
    const raw = await readOptionalJson(ctx.req);
    const body = parse(portalAccessIn, raw, "body");
    const app = await resolveOrCreateApp(ctx, body.application);
    const token = await ctx.core.tokens.mintAppToken(app.id, {
      featureFlags: body.featureFlags,
      expirySeconds: body.expiry ?? undefined,
    });
    return json({ url: `${ctx.core.portalUrl}/`, token });
  }, { replayable: false }),

  route("POST", "/auth/logout", async (ctx) => {
    if (ctx.principal.kind === "app") await ctx.core.tokens.revoke(ctx.principal);
    return noContent();
  }),

  route(
    "GET",
    "/health",
    async (ctx) => {
      await ctx.core.db.execute(sql`SELECT 1`);
      return noContent();
    },
    { public: true },
  ),

  route("GET", "/health/ping", async () => noContent(), { public: true }),
];

