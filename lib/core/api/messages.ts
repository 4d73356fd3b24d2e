import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { messageAttempts, messages } from "@/lib/db/schema";
import { boundaryId, newId } from "../ids";
import { expungeKeptPayload } from "../idempotency";
import { toArray } from "../queue";
import { param, requireOrg, resolveApp, resolveMessage } from "./access";
import { applicationIn, resolveOrCreateApp } from "./applications";
import { conflict, notFound, payloadTooLarge } from "./errors";
import { MAX_PAYLOAD_BYTES, json, noContent, parse, readJson } from "./http";
import { deliveryStatesParam, listWithStatus } from "./message-status";
import { cursor, whereAll } from "./pagination";
import { route } from "./router";
import { channelName, eventTypeName, q, uidFor } from "./schemas";
import { messageOut } from "./serialize";

const messageIn = z.object({
  eventType: eventTypeName,
  payload: z.record(z.string(), z.unknown()),
  eventId: uidFor("msg_").nullish(),
  channels: z.array(channelName).min(1).max(5).nullish(),
  payloadRetentionPeriod: z.number().int().min(1).max(90).nullish(),
  application: applicationIn.nullish(),
  tags: z.array(z.string().max(128)).max(5).nullish(),
});

const withContentQuery = z.object({ with_content: q.bool(true) });

const listQuery = z.object({
  limit: q.limit,
  iterator: q.iterator,
  channel: channelName.optional(),
  before: q.date,
  after: q.date,
  with_content: q.bool(true),
  event_types: q.list,
  // Porthole's extension (svix-server has neither): each message's delivery status, and a filter by it.
  with_delivery_status: q.bool(false),
  delivery_status: deliveryStatesParam,
});

export const messageRoutes = [
  route("POST", "/app/{app_id}/msg", async (ctx) => {
    requireOrg(ctx);
    const { with_content } = parse(withContentQuery, ctx.query, "query");
    const body = parse(messageIn, await readJson(ctx.req), "body");
    const payload = JSON.stringify(body.payload);
    // The limit is on the payload as it will be sent, not on the request around it.
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw payloadTooLarge();
    const now = new Date();
    const message = {
      id: newId("msg_", now),
      eventId: body.eventId ?? null,
      eventType: body.eventType,
      payload,
      channels: body.channels ? [...new Set(body.channels)] : null,
      expiresAt: new Date(now.getTime() + (body.payloadRetentionPeriod ?? 90) * 86_400_000),
      createdAt: now,
    };
    // The hot path: app lookup, insert and fan-out in one group-committed statement.
    let result = await ctx.core.ingest.add({ ...message, appKey: param(ctx, "app_id") });
    if (result.appId === null) {
      // Unknown app: create it when the body says how (Svix's on-the-fly creation), else 404.
      const app = await resolveOrCreateApp(ctx, body.application);
      result = await ctx.core.ingest.add({ ...message, appKey: app.id });
    }
    if (!result.inserted) throw conflict();
    if (result.fanout > 0) ctx.core.wake();
    return json(messageOut({ ...message, appId: result.appId! }, with_content), 202);
  }),

  route("GET", "/app/{app_id}/msg", async (ctx) => {
    const query = parse(listQuery, ctx.query, "query");
    const app = await resolveApp(ctx);
    if (query.with_delivery_status || query.delivery_status) {
      const page = await listWithStatus(ctx.core.db, app.id, query);
      return json({
        ...page,
        data: page.data.map((r) => ({ ...messageOut(r.row, query.with_content), deliveryStatus: r.state, nextAttempt: r.nextAttempt })),
      });
    }
    // Any window lists newest first; `after` and `before` only bound it (svix-server instead starts
    // an after-only list at its oldest end, so "the last 24 hours" opened a day in the past).
    const c = cursor(messages.id, { limit: query.limit, iterator: query.iterator, order: "descending" });
    const rows = await ctx.core.db
      .select()
      .from(messages)
      .where(
        whereAll(
          eq(messages.appId, app.id),
          c.where,
          query.before && sql`${messages.id} < ${boundaryId("msg_", query.before, "min")}`,
          query.after && sql`${messages.id} > ${boundaryId("msg_", query.after, "max")}`,
          query.channel ? sql`${messages.channels} @> ${toArray([query.channel])}::text[]` : undefined,
          query.event_types?.length ? sql`${messages.eventType} = ANY(${toArray(query.event_types)}::text[])` : undefined,
        ),
      )
      .orderBy(c.orderBy)
      .limit(c.fetch);
    return json(c.finish(rows, (r) => r.id, (r) => messageOut(r, query.with_content)));
  }),

  route("GET", "/app/{app_id}/msg/{msg_id}", async (ctx) => {
    const { with_content } = parse(withContentQuery, ctx.query, "query");
    const app = await resolveApp(ctx);
    return json(messageOut(await resolveMessage(ctx, app), with_content));
  }),

  route("DELETE", "/app/{app_id}/msg/{msg_id}/content", async (ctx) => {
    requireOrg(ctx);
    const app = await resolveApp(ctx);
    const msg = await resolveMessage(ctx, app);
    await ctx.core.db.update(messages).set({ payload: null }).where(eq(messages.id, msg.id));
    // The create answer kept for Idempotency-Key retries shows the payload too.
    await expungeKeptPayload(ctx.core.db, msg.id, msg.createdAt);
    return noContent();
  }),

  route("DELETE", "/app/{app_id}/msg/{msg_id}/attempt/{attempt_id}/content", async (ctx) => {
    requireOrg(ctx);
    const app = await resolveApp(ctx);
    const msg = await resolveMessage(ctx, app);
    const updated = await ctx.core.db
      .update(messageAttempts)
      .set({ response: "EXPUNGED" })
      .where(and(eq(messageAttempts.id, ctx.params.attempt_id!), eq(messageAttempts.msgId, msg.id)))
      .returning({ id: messageAttempts.id });
    if (updated.length === 0) throw notFound();
    return noContent();
  }),
];
