import { and, asc, eq, gt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { endpoints, messageAttempts, messageDestinations, messages } from "@/lib/db/schema";
import { boundaryId } from "../ids";
import { enqueueManual, toArray } from "../queue";
import { param, resolveApp, resolveEndpoint, resolveMessage } from "./access";
import { badRequest, notFound } from "./errors";
import { json, parse } from "./http";
import { cursor, page_, whereAll } from "./pagination";
import { route } from "./router";
import { channelName, q } from "./schemas";
import { attemptOut, destinationState, endpointOut, messageOut } from "./serialize";

const attemptQuery = z.object({
  limit: q.limit,
  iterator: q.iterator,
  status: q.status,
  status_code_class: q.statusCodeClass,
  channel: channelName.optional(),
  before: q.date,
  after: q.date,
  with_content: q.bool(true),
  event_types: q.list,
  endpoint_id: z.string().max(256).optional(),
});

type AttemptQuery = z.output<typeof attemptQuery>;

/** Filters shared by both attempt lists; channel and event type live on the message. */
function attemptFilters(query: AttemptQuery, idColumn: typeof messageAttempts.id, prefix: "atmpt_"): (SQL | undefined)[] {
  const cls = query.status_code_class;
  const onMessage: SQL[] = [];
  if (query.channel) onMessage.push(sql`m.channels @> ${toArray([query.channel])}::text[]`);
  if (query.event_types?.length) onMessage.push(sql`m.event_type = ANY(${toArray(query.event_types)}::text[])`);
  return [
    query.status !== undefined ? eq(messageAttempts.status, query.status) : undefined,
    cls !== undefined
      ? cls === 0
        ? sql`${messageAttempts.responseStatusCode} < 100`
        : sql`${messageAttempts.responseStatusCode} >= ${cls} AND ${messageAttempts.responseStatusCode} < ${cls + 100}`
      : undefined,
    query.before && sql`${idColumn} < ${boundaryId(prefix, query.before, "min")}`,
    query.after && sql`${idColumn} > ${boundaryId(prefix, query.after, "max")}`,
    onMessage.length
      ? sql`EXISTS (SELECT 1 FROM messages m WHERE m.id = ${messageAttempts.msgId} AND ${sql.join(onMessage, sql` AND `)})`
      : undefined,
  ];
}

/** Newest first within any window, as the message list: `after` bounds the list, it does not start it. */
function attemptIterator(query: { iterator?: string }): string | undefined {
  return query.iterator;
}

const attemptedMessagesQuery = z.object({
  limit: q.limit,
  iterator: q.iterator,
  channel: channelName.optional(),
  status: q.status,
  before: q.date,
  after: q.date,
  with_content: q.bool(true),
  event_types: q.list,
});

export const attemptRoutes = [
  route("GET", "/app/{app_id}/attempt/endpoint/{endpoint_id}", async (ctx) => {
    const query = parse(attemptQuery, ctx.query, "query");
    const app = await resolveApp(ctx);
    const ep = await resolveEndpoint(ctx, app);
    const c = cursor(messageAttempts.id, { limit: query.limit, iterator: attemptIterator(query), order: "descending" });
    const rows = await ctx.core.db
      .select()
      .from(messageAttempts)
      .where(whereAll(eq(messageAttempts.endpointId, ep.id), c.where, ...attemptFilters(query, messageAttempts.id, "atmpt_")))
      .orderBy(c.orderBy)
      .limit(c.fetch);
    return json(c.finish(rows, (r) => r.id, (r) => attemptOut(r, query.with_content)));
  }),

  route("GET", "/app/{app_id}/attempt/msg/{msg_id}", async (ctx) => {
    const query = parse(attemptQuery, ctx.query, "query");
    const app = await resolveApp(ctx);
    const msg = await resolveMessage(ctx, app);
    const ep = query.endpoint_id ? await resolveEndpoint(ctx, app, query.endpoint_id) : undefined;
    const c = cursor(messageAttempts.id, { limit: query.limit, iterator: attemptIterator(query), order: "descending" });
    const rows = await ctx.core.db
      .select()
      .from(messageAttempts)
      .where(
        whereAll(
          eq(messageAttempts.msgId, msg.id),
          ep && eq(messageAttempts.endpointId, ep.id),
          c.where,
          ...attemptFilters(query, messageAttempts.id, "atmpt_"),
        ),
      )
      .orderBy(c.orderBy)
      .limit(c.fetch);
    return json(c.finish(rows, (r) => r.id, (r) => attemptOut(r, query.with_content)));
  }),

  route("GET", "/app/{app_id}/msg/{msg_id}/attempt/{attempt_id}", async (ctx) => {
    const app = await resolveApp(ctx);
    const msg = await resolveMessage(ctx, app);
    const [row] = await ctx.core.db
      .select()
      .from(messageAttempts)
      .where(and(eq(messageAttempts.id, param(ctx, "attempt_id")), eq(messageAttempts.msgId, msg.id)))
      .limit(1);
    if (!row) throw notFound();
    return json(attemptOut(row, true));
  }),

  route("GET", "/app/{app_id}/endpoint/{endpoint_id}/msg", async (ctx) => {
    const query = parse(attemptedMessagesQuery, ctx.query, "query");
    const app = await resolveApp(ctx);
    const ep = await resolveEndpoint(ctx, app);
    const d = messageDestinations;
    const c = cursor(d.msgId, { limit: query.limit, iterator: attemptIterator(query), order: "descending" });
    const rows = await ctx.core.db
      .select({ m: messages, status: d.status, nextAttemptAt: d.nextAttemptAt })
      .from(d)
      .innerJoin(messages, eq(messages.id, d.msgId))
      .where(
        whereAll(
          eq(d.endpointId, ep.id),
          c.where,
          query.status !== undefined ? eq(d.status, query.status) : undefined,
          query.before && sql`${d.msgId} < ${boundaryId("msg_", query.before, "min")}`,
          query.after && sql`${d.msgId} > ${boundaryId("msg_", query.after, "max")}`,
          query.channel ? sql`${messages.channels} @> ${toArray([query.channel])}::text[]` : undefined,
          query.event_types?.length ? sql`${messages.eventType} = ANY(${toArray(query.event_types)}::text[])` : undefined,
        ),
      )
      .orderBy(c.orderBy)
      .limit(c.fetch);
    return json(
      c.finish(rows, (r) => r.m.id, (r) => ({ ...messageOut(r.m, query.with_content), ...destinationState(r) })),
    );
  }),

  route("GET", "/app/{app_id}/msg/{msg_id}/endpoint", async (ctx) => {
    const query = parse(z.object({ limit: q.limit, iterator: q.iterator }), ctx.query, "query");
    const app = await resolveApp(ctx);
    const msg = await resolveMessage(ctx, app);
    const d = messageDestinations;
    const rows = await ctx.core.db
      .select({ e: endpoints, status: d.status, nextAttemptAt: d.nextAttemptAt })
      .from(d)
      .innerJoin(endpoints, eq(endpoints.id, d.endpointId))
      .where(whereAll(eq(d.msgId, msg.id), query.iterator ? gt(d.endpointId, query.iterator) : undefined))
      .orderBy(asc(d.endpointId))
      .limit(query.limit + 1);
    const done = rows.length <= query.limit;
    return json(
      page_(rows.slice(0, query.limit), done, (r) => r.e.id, (r) => {
        const { metadata: _metadata, ...ep } = endpointOut(r.e);
        return { ...ep, ...destinationState(r) };
      }),
    );
  }),

  route("POST", "/app/{app_id}/msg/{msg_id}/endpoint/{endpoint_id}/resend", async (ctx) => {
    const app = await resolveApp(ctx);
    const msg = await resolveMessage(ctx, app);
    const ep = await resolveEndpoint(ctx, app);
    if (msg.payload === null || msg.expiresAt.getTime() <= Date.now()) {
      throw badRequest("missing_payload", "The message's payload has expired or was deleted; it cannot be resent.");
    }
    await enqueueManual(ctx.core.db, app.id, ep.id, sql`SELECT ${msg.id}::text AS id`);
    ctx.core.wake();
    return json({}, 202);
  }),
];
