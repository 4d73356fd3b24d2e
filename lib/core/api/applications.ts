import { eq } from "drizzle-orm";
import { z } from "zod";
import type { AppRow } from "@/lib/db/rows";
import { applications } from "@/lib/db/schema";
import { newId } from "../ids";
import { requireOrg, resolveApp } from "./access";
import { CoreError, conflict, invalid, notFound } from "./errors";
import { json, noContent, parse, readJson } from "./http";
import { cursor } from "./pagination";
import { route, type RequestContext } from "./router";
import { storableString } from "@/lib/storable";
import { metadataSchema, pageQuery, q, throttleRateSchema, uidFor } from "./schemas";
import { applicationOut } from "./serialize";

export const applicationIn = z.object({
  name: storableString().min(1),
  uid: uidFor("app_").nullish(),
  throttleRate: throttleRateSchema.nullish(),
  rateLimit: throttleRateSchema.nullish(),
  metadata: metadataSchema.optional(),
});

const applicationPatch = applicationIn.partial();

export type ApplicationIn = z.output<typeof applicationIn>;

async function findByUid(ctx: RequestContext, uid: string): Promise<AppRow | undefined> {
  const [row] = await ctx.core.db.select().from(applications).where(eq(applications.uid, uid)).limit(1);
  return row;
}

export async function insertApplication(ctx: RequestContext, body: ApplicationIn, uid = body.uid ?? null): Promise<AppRow> {
  if (uid !== null && (await findByUid(ctx, uid))) throw conflict();
  const [row] = await ctx.core.db
    .insert(applications)
    .values({
      id: newId("app_"),
      uid,
      name: body.name,
      throttleRate: body.throttleRate ?? body.rateLimit ?? null,
      metadata: body.metadata ?? {},
    })
    .returning();
  return row!;
}

/**
 * The path's app, created from `application` when it does not exist yet (Svix's on-the-fly
 * creation on message create and app-portal-access). The new app's uid must be the path's key.
 */
export async function resolveOrCreateApp(ctx: RequestContext, application: ApplicationIn | null | undefined): Promise<AppRow> {
  try {
    return await resolveApp(ctx);
  } catch (err) {
    if (!(err instanceof CoreError) || err.status !== 404 || !application) throw err;
    const key = ctx.params.app_id!;
    if (!application.uid) throw invalid(["body", "application", "uid"], "the application's uid must be set to create it", "application_uid_missing");
    if (application.uid !== key) throw invalid(["body", "application", "uid"], "must equal the app_id in the path", "application_uid_mismatch");
    return insertApplication(ctx, application);
  }
}

export const applicationRoutes = [
  route("GET", "/app", async (ctx) => {
    requireOrg(ctx);
    const query = parse(pageQuery, ctx.query, "query");
    const c = cursor(applications.id, { ...query, order: query.order ?? "ascending" });
    const rows = await ctx.core.db.select().from(applications).where(c.where).orderBy(c.orderBy).limit(c.fetch);
    return json(c.finish(rows, (r) => r.id, applicationOut));
  }),

  route("POST", "/app", async (ctx) => {
    requireOrg(ctx);
    const { get_if_exists } = parse(z.object({ get_if_exists: q.bool(false) }), ctx.query, "query");
    const body = parse(applicationIn, await readJson(ctx.req), "body");
    if (get_if_exists && body.uid) {
      const existing = await findByUid(ctx, body.uid);
      if (existing) return json(applicationOut(existing), 200);
    }
    return json(applicationOut(await insertApplication(ctx, body)), 201);
  }),

  route("GET", "/app/{app_id}", async (ctx) => json(applicationOut(await resolveApp(ctx)))),

  route("PUT", "/app/{app_id}", async (ctx) => {
    requireOrg(ctx);
    const body = parse(applicationIn, await readJson(ctx.req), "body");
    const existing = await resolveApp(ctx).catch(() => undefined);
    if (!existing) {
      const key = ctx.params.app_id!;
      // Upserting an unknown id cannot create it (ids are ours to assign); an unknown uid can.
      if (key.startsWith("app_")) throw notFound();
      parse(z.object({ app_id: uidFor("app_") }), ctx.params, "path");
      return json(applicationOut(await insertApplication(ctx, body, key)), 201);
    }
    return json(applicationOut(await updateApplication(ctx, existing, { ...body, uid: body.uid ?? existing.uid })));
  }),

  route("PATCH", "/app/{app_id}", async (ctx) => {
    requireOrg(ctx);
    const body = parse(applicationPatch, await readJson(ctx.req), "body");
    const existing = await resolveApp(ctx);
    return json(applicationOut(await updateApplication(ctx, existing, body)));
  }),

  route("DELETE", "/app/{app_id}", async (ctx) => {
    requireOrg(ctx);
    const app = await resolveApp(ctx);
    await ctx.core.db.delete(applications).where(eq(applications.id, app.id));
    return noContent();
  }),
];

async function updateApplication(ctx: RequestContext, app: AppRow, patch: Partial<ApplicationIn>): Promise<AppRow> {
  if (patch.uid && patch.uid !== app.uid) {
    const other = await findByUid(ctx, patch.uid);
    if (other && other.id !== app.id) throw conflict();
  }
  const throttle = patch.throttleRate !== undefined ? patch.throttleRate : patch.rateLimit;
  const [row] = await ctx.core.db
    .update(applications)
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.uid !== undefined && { uid: patch.uid }),
      ...(throttle !== undefined && { throttleRate: throttle }),
      ...(patch.metadata !== undefined && { metadata: patch.metadata }),
      updatedAt: new Date(),
    })
    .where(eq(applications.id, app.id))
    .returning();
  return row!;
}
