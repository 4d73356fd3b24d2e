import { eq } from "drizzle-orm";
import { z } from "zod";
import { endpoints, type OldSecret } from "@/lib/db/schema";
import { generateSecret } from "../dispatcher/signing";
import { resolveApp, resolveEndpoint } from "./access";
import { badRequest } from "./errors";
import { json, noContent, parse } from "./http";
import { route } from "./router";
import { readOptionalJson } from "./schemas";
import { secretSchema } from "./endpoints";

const MAX_OLD_SECRETS = 10;

const rotateIn = z.object({
  key: secretSchema.nullish(),
  gracePeriodSeconds: z.number().int().min(0).max(604800).optional(),
});

/** Secrets still inside their grace period, which get a signature of their own on every delivery. */
export function activeOldSecrets(old: OldSecret[], now = Date.now()): OldSecret[] {
  return old.filter((s) => Date.parse(s.expiresAt) > now);
}

export const endpointSecretRoutes = [
  route("GET", "/app/{app_id}/endpoint/{endpoint_id}/secret", async (ctx) => {
    const app = await resolveApp(ctx);
    const ep = await resolveEndpoint(ctx, app);
    return json({ key: ep.secret });
  }),

  route("POST", "/app/{app_id}/endpoint/{endpoint_id}/secret/rotate", async (ctx) => {
    const raw = await readOptionalJson(ctx.req);
    const body = parse(rotateIn, raw, "body");
    const app = await resolveApp(ctx);
    const ep = await resolveEndpoint(ctx, app);
    const old = activeOldSecrets(ep.oldSecrets);
    if (old.length >= MAX_OLD_SECRETS) {
      throw badRequest("limit_reached", "Too many active previous secrets; wait for their grace period to end.");
    }
    const grace = body.gracePeriodSeconds ?? 86400;
    const expiresAt = new Date(Date.now() + grace * 1000).toISOString();
    await ctx.core.db
      .update(endpoints)
      .set({
        secret: body.key ?? generateSecret(),
        oldSecrets: grace > 0 ? [...old, { key: ep.secret, expiresAt }] : old,
        updatedAt: new Date(),
      })
      .where(eq(endpoints.id, ep.id));
    return noContent();
  }),
];
