import { isIP } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { rows, type Db } from "@/lib/db/client";
import { z } from "zod";
import type { AppRow, EndpointRow } from "@/lib/db/rows";
import { endpoints } from "@/lib/db/schema";
import { literalHostReason } from "../dispatcher/ssrf";
import { generateSecret } from "../dispatcher/signing";
import { newId } from "../ids";
import { effectiveLimits, storedLimits } from "../limits";
import { resolveApp, resolveEndpoint } from "./access";
import { headerMap, normaliseHeaders } from "./endpoint-headers";
import { conflict, invalid, notFound } from "./errors";
import { json, noContent, parse, readJson } from "./http";
import { cursor, whereAll } from "./pagination";
import { route, type RequestContext } from "./router";
import { endpointHealth } from "./endpoint-health";
import { storableString } from "@/lib/storable";
import { channelName, eventTypeName, metadataSchema, pageQuery, q, throttleRateSchema, uidFor } from "./schemas";
import { endpointOut } from "./serialize";

export const secretSchema = z
  .string()
  .regex(/^(whsec_)?[a-zA-Z0-9+/=]{32,100}$/, "must be a base64 secret, optionally prefixed with whsec_")
  .transform((s) => (s.startsWith("whsec_") ? s : `whsec_${s}`))
  .refine((s) => {
    const bytes = Buffer.from(s.slice(6), "base64").length;
    return bytes >= 24 && bytes <= 75;
  }, "must decode to 24..75 bytes");

/** A DNS name, or a bracketed IPv6 literal (which the hostname pattern alone would refuse). */
function validHost(hostname: string): boolean {
  if (hostname.startsWith("[") && hostname.endsWith("]")) return isIP(hostname.slice(1, -1)) === 6;
  return z.regexes.hostname.test(hostname);
}

const urlSchema = z
  // abort: the host check below must not run on a string that is not a URL at all.
  .url({ protocol: /^https?$/, abort: true })
  .max(65536)
  .refine((u) => validHost(new URL(u).hostname), "must have a valid host name or IP address");

const fields = {
  url: urlSchema,
  description: storableString(),
  uid: uidFor("ep_").nullish(),
  disabled: z.boolean(),
  filterTypes: z.array(eventTypeName).min(1).nullish(),
  eventTypes: z.array(eventTypeName).min(1).nullish(),
  channels: z.array(channelName).min(1).max(10).nullish(),
  throttleRate: throttleRateSchema.nullish(),
  rateLimit: throttleRateSchema.nullish(),
  metadata: metadataSchema,
  version: z.number().int().min(1).nullish(),
};

const endpointIn = z.object({
  ...fields,
  description: fields.description.default(""),
  disabled: fields.disabled.default(false),
  metadata: fields.metadata.optional(),
  secret: secretSchema.nullish(),
  headers: headerMap.nullish(),
});
const endpointUpdate = endpointIn.omit({ secret: true, headers: true });
const endpointPatch = z.object({ ...fields, secret: secretSchema.nullish() }).partial();

type EndpointPatch = z.output<typeof endpointPatch>;

// Porthole's extension (svix-server has none): `with_health=true` adds each endpoint's health.
const listQuery = pageQuery.extend({ with_health: q.bool(false) });

/** Literal private addresses are refused up front; hostnames are checked again at connect time. */
function checkUrl(ctx: RequestContext, url: string | undefined): void {
  if (url === undefined) return;
  const reason = literalHostReason(url, ctx.core.ssrf);
  if (reason) throw invalid(["body", "url"], reason);
}

async function uidTaken(ctx: RequestContext, app: AppRow, uid: string | null | undefined, self?: string): Promise<void> {
  if (!uid) return;
  const [other] = await ctx.core.db
    .select({ id: endpoints.id })
    .from(endpoints)
    .where(and(eq(endpoints.appId, app.id), eq(endpoints.uid, uid)))
    .limit(1);
  if (other && other.id !== self) throw conflict();
}

/** Fields common to create/update/patch, with the deprecated aliases folded in. */
function columns(body: EndpointPatch) {
  const types = body.eventTypes !== undefined ? body.eventTypes : body.filterTypes;
  const throttle = body.throttleRate !== undefined ? body.throttleRate : body.rateLimit;
  return {
    ...(body.url !== undefined && { url: body.url }),
    ...(body.description !== undefined && { description: body.description }),
    ...(body.uid !== undefined && { uid: body.uid }),
    ...(body.disabled !== undefined && { disabled: body.disabled }),
    ...(types !== undefined && { eventTypes: types && [...new Set(types)] }),
    ...(body.channels !== undefined && { channels: body.channels && [...new Set(body.channels)] }),
    ...(throttle !== undefined && { throttleRate: throttle }),
    ...(body.metadata !== undefined && { metadata: body.metadata }),
  };
}

async function createEndpoint(ctx: RequestContext, app: AppRow, body: z.output<typeof endpointIn>, uid = body.uid): Promise<EndpointRow> {
  checkUrl(ctx, body.url);
  await uidTaken(ctx, app, uid);
  const { maxEndpoints } = effectiveLimits(await storedLimits(ctx.core.db, app.id), ctx.core.limits);
  // Counted and inserted under the application's row lock, so concurrent creates cannot both fit.
  return ctx.core.db.transaction(async (tx) => {
    const [{ n }] = (await rows<{ n: number }>(
      tx,
      sql`SELECT (SELECT count(*)::int FROM endpoints WHERE app_id = a.id) AS n FROM applications a WHERE a.id = ${app.id} FOR UPDATE`,
    )) as [{ n: number }];
    if (n >= maxEndpoints) {
      throw invalid(["body"], `This application already has ${n} endpoints, its limit (at most ${maxEndpoints}). Delete one first.`, "value_error.endpoint_limit");
    }
    return insertEndpoint(tx, app, body, uid);
  });
}

async function insertEndpoint(db: Db, app: AppRow, body: z.output<typeof endpointIn>, uid: string | null | undefined): Promise<EndpointRow> {
  const [row] = await db
    .insert(endpoints)
    .values({
      id: newId("ep_"),
      appId: app.id,
      url: body.url,
      secret: body.secret ?? generateSecret(),
      headers: normaliseHeaders(body.headers ?? {}),
      ...columns({ ...body, uid }),
      disabledReason: body.disabled ? "manual" : null,
    })
    .returning();
  return row!;
}

async function patchEndpoint(ctx: RequestContext, app: AppRow, ep: EndpointRow, body: EndpointPatch): Promise<EndpointRow> {
  checkUrl(ctx, body.url);
  await uidTaken(ctx, app, body.uid, ep.id);
  const enabling = body.disabled === false && ep.disabled;
  const disabling = body.disabled === true && !ep.disabled;
  const [row] = await ctx.core.db
    .update(endpoints)
    .set({
      ...columns(body),
      ...(body.secret && { secret: body.secret }),
      // Re-enabling starts the auto-disable clock afresh.
      ...(enabling && { firstFailureAt: null, disabledReason: null }),
      ...(disabling && { disabledReason: "manual" as const }),
      updatedAt: new Date(),
    })
    .where(eq(endpoints.id, ep.id))
    .returning();
  return row!;
}

export const endpointRoutes = [
  route("GET", "/app/{app_id}/endpoint", async (ctx) => {
    const { with_health, ...query } = parse(listQuery, ctx.query, "query");
    const app = await resolveApp(ctx);
    const c = cursor(endpoints.id, { ...query, order: query.order ?? "descending" });
    const rows = await ctx.core.db
      .select()
      .from(endpoints)
      .where(whereAll(eq(endpoints.appId, app.id), c.where))
      .orderBy(c.orderBy)
      .limit(c.fetch);
    if (!with_health) return json(c.finish(rows, (r) => r.id, endpointOut));
    const health = await endpointHealth(ctx.core.db, rows.slice(0, query.limit));
    return json(c.finish(rows, (r) => r.id, (r) => ({ ...endpointOut(r), health: health.get(r.id) })));
  }),

  route("POST", "/app/{app_id}/endpoint", async (ctx) => {
    const body = parse(endpointIn, await readJson(ctx.req), "body");
    const app = await resolveApp(ctx);
    return json(endpointOut(await createEndpoint(ctx, app, body)), 201);
  }),

  route("GET", "/app/{app_id}/endpoint/{endpoint_id}", async (ctx) => {
    const app = await resolveApp(ctx);
    return json(endpointOut(await resolveEndpoint(ctx, app)));
  }),

  route("PUT", "/app/{app_id}/endpoint/{endpoint_id}", async (ctx) => {
    const body = parse(endpointUpdate, await readJson(ctx.req), "body");
    const app = await resolveApp(ctx);
    const existing = await resolveEndpoint(ctx, app).catch(() => undefined);
    if (!existing) {
      const key = ctx.params.endpoint_id!;
      if (key.startsWith("ep_")) throw notFound();
      parse(z.object({ endpoint_id: uidFor("ep_") }), ctx.params, "path");
      return json(endpointOut(await createEndpoint(ctx, app, body, key)), 201);
    }
    const replaced: EndpointPatch = {
      ...body,
      uid: body.uid ?? existing.uid,
      eventTypes: body.eventTypes ?? body.filterTypes ?? null,
      channels: body.channels ?? null,
      throttleRate: body.throttleRate ?? body.rateLimit ?? null,
      metadata: body.metadata ?? {},
    };
    return json(endpointOut(await patchEndpoint(ctx, app, existing, replaced)));
  }),

  route("PATCH", "/app/{app_id}/endpoint/{endpoint_id}", async (ctx) => {
    const body = parse(endpointPatch, await readJson(ctx.req), "body");
    const app = await resolveApp(ctx);
    const ep = await resolveEndpoint(ctx, app);
    return json(endpointOut(await patchEndpoint(ctx, app, ep, body)));
  }),

  route("DELETE", "/app/{app_id}/endpoint/{endpoint_id}", async (ctx) => {
    const app = await resolveApp(ctx);
    const ep = await resolveEndpoint(ctx, app);
    await ctx.core.db.delete(endpoints).where(eq(endpoints.id, ep.id));
    return noContent();
  }),
];
