import { and, eq, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { eventTypes } from "@/lib/db/schema";
import { isStorableJson, storableString, UNSTORABLE_MESSAGE } from "@/lib/storable";
import { toArray } from "../queue";
import { param, requireOrg } from "./access";
import { CoreError, notFound } from "./errors";
import { json, noContent, parse, readJson } from "./http";
import { cursor, whereAll } from "./pagination";
import { route, type RequestContext } from "./router";
import { eventTypeName, q } from "./schemas";
import { eventTypeOut } from "./serialize";

const schemasSchema = z
  .record(z.string(), z.record(z.string(), z.unknown()))
  .refine(isStorableJson, UNSTORABLE_MESSAGE)
  .nullish();
const flagName = z.string().max(256).regex(/^[a-zA-Z0-9\-_.]+$/);

/**
 * svix-server takes one `featureFlag`; the SDK (generated from Svix Cloud's spec) sends a
 * `featureFlags` list instead. Both are accepted; one flag per event type is what we store.
 */
const flagFields = {
  featureFlag: flagName.nullish(),
  featureFlags: z.array(flagName).max(1, "at most one feature flag per event type is supported").nullish(),
};

function withFlag<T extends { featureFlag?: string | null; featureFlags?: string[] | null }>(body: T) {
  const { featureFlags, featureFlag, ...rest } = body;
  const flag = featureFlag !== undefined ? featureFlag : featureFlags === undefined ? undefined : (featureFlags?.[0] ?? null);
  return { ...rest, featureFlag: flag };
}

const eventTypeFields = z.object({
  description: storableString(),
  archived: z.boolean().default(false),
  deprecated: z.boolean().default(false),
  schemas: schemasSchema,
  ...flagFields,
});
const eventTypeIn = eventTypeFields.extend({ name: eventTypeName }).transform(withFlag);
const eventTypeUpdate = eventTypeFields.transform(withFlag);
const eventTypePatch = z
  .object({
    description: storableString().optional(),
    archived: z.boolean().optional(),
    deprecated: z.boolean().optional(),
    schemas: schemasSchema,
    ...flagFields,
  })
  .transform(withFlag);

const exists = () => new CoreError(409, "event_type_exists", "An event type with this name already exists");

const listQuery = z.object({
  limit: q.limit,
  iterator: q.iterator,
  order: q.order,
  include_archived: q.bool(false),
  with_content: q.bool(false),
});

/** App tokens see event types without a feature flag, or with one their token carries. */
function visibleTo(ctx: RequestContext): SQL | undefined {
  if (ctx.principal.kind === "org") return undefined;
  const flags = ctx.principal.featureFlags;
  return flags.length ? or(isNull(eventTypes.featureFlag), sql`${eventTypes.featureFlag} = ANY(${toArray(flags)}::text[])`) : isNull(eventTypes.featureFlag);
}

async function find(ctx: RequestContext, name: string) {
  const [row] = await ctx.core.db.select().from(eventTypes).where(and(eq(eventTypes.name, name), visibleTo(ctx))).limit(1);
  return row;
}

export const eventTypeRoutes = [
  route("GET", "/event-type", async (ctx) => {
    const query = parse(listQuery, ctx.query, "query");
    // Sorted by name, the name being the cursor (as svix-server does, whatever `order` says).
    const c = cursor(eventTypes.name, { limit: query.limit, iterator: query.iterator, order: "ascending" });
    const rows = await ctx.core.db
      .select()
      .from(eventTypes)
      .where(whereAll(c.where, query.include_archived ? undefined : eq(eventTypes.archived, false), visibleTo(ctx)))
      .orderBy(c.orderBy)
      .limit(c.fetch);
    return json(c.finish(rows, (r) => r.name, (r) => eventTypeOut(r, query.with_content)));
  }),

  route("GET", "/event-type/{event_type_name}", async (ctx) => {
    const row = await find(ctx, param(ctx, "event_type_name"));
    if (!row) throw notFound();
    return json(eventTypeOut(row, true));
  }),

  route("POST", "/event-type", async (ctx) => {
    requireOrg(ctx);
    const body = parse(eventTypeIn, await readJson(ctx.req), "body");
    const values = { ...body, schemas: body.schemas ?? null, featureFlag: body.featureFlag ?? null, updatedAt: new Date() };
    // Creating an archived type brings it back with the new definition; a live one is a conflict.
    // The condition sits in the upsert itself so two racing creates cannot both succeed.
    const [row] = await ctx.core.db
      .insert(eventTypes)
      .values(values)
      .onConflictDoUpdate({ target: eventTypes.name, set: { ...values, archived: false }, setWhere: eq(eventTypes.archived, true) })
      .returning();
    if (!row) throw exists();
    return json(eventTypeOut(row, true), 201);
  }),

  route("PUT", "/event-type/{event_type_name}", async (ctx) => {
    requireOrg(ctx);
    const body = parse(eventTypeUpdate, await readJson(ctx.req), "body");
    const name = parse(eventTypeName, param(ctx, "event_type_name"), "path");
    const existing = await find(ctx, name);
    const values = { ...body, schemas: body.schemas ?? null, featureFlag: body.featureFlag ?? null, updatedAt: new Date() };
    const [row] = await ctx.core.db
      .insert(eventTypes)
      .values({ name, ...values })
      .onConflictDoUpdate({ target: eventTypes.name, set: values })
      .returning();
    return json(eventTypeOut(row!, true), existing ? 200 : 201);
  }),

  route("PATCH", "/event-type/{event_type_name}", async (ctx) => {
    requireOrg(ctx);
    const body = parse(eventTypePatch, await readJson(ctx.req), "body");
    const [row] = await ctx.core.db
      .update(eventTypes)
      .set({ ...body, updatedAt: new Date() })
      .where(eq(eventTypes.name, param(ctx, "event_type_name")))
      .returning();
    if (!row) throw notFound();
    return json(eventTypeOut(row, true));
  }),

  route("DELETE", "/event-type/{event_type_name}", async (ctx) => {
    requireOrg(ctx);
    const { expunge } = parse(z.object({ expunge: q.bool(false) }), ctx.query, "query");
    const where = eq(eventTypes.name, param(ctx, "event_type_name"));
    const done = expunge
      ? await ctx.core.db.delete(eventTypes).where(where).returning({ name: eventTypes.name })
      : await ctx.core.db.update(eventTypes).set({ archived: true, updatedAt: new Date() }).where(where).returning({ name: eventTypes.name });
    if (done.length === 0) throw notFound();
    return noContent();
  }),
];
