import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { rows } from "@/lib/db/client";
import { eventTypes } from "@/lib/db/schema";
import { newId } from "../ids";
import { bulkQueued, effectiveLimits, storedLimits } from "../limits";
import { cancelBulk, enqueueBulk, insertMessage, routesSql } from "../queue";
import { Status } from "../status";
import { requireOrg, resolveApp, resolveEndpoint } from "./access";
import { badRequest, invalid } from "./errors";
import type { RequestContext } from "./router";
import { json, parse, readJson } from "./http";
import { route } from "./router";
import { eventTypeName } from "./schemas";
import { messageOut } from "./serialize";
import { storableDate } from "@/lib/storable";

const DAY = 86_400_000;
const MAX_RECOVER = 10_000;
const dateTime = storableDate();
const windowIn = z.object({ since: dateTime, until: dateTime.nullish() });

/** Recover and replay look back at most 14 days (plus 5 minutes of slack), as Svix does. */
function checkWindow(since: Date, until: Date): void {
  if (until.getTime() - since.getTime() > 14 * DAY + 5 * 60_000) {
    throw invalid(["body", "since"], "must be at most 14 days before until");
  }
  if (since.getTime() > until.getTime()) throw invalid(["body", "since"], "must be before until");
}

const statsQuery = z.object({ since: dateTime.optional(), until: dateTime.optional() });

const sendExampleIn = z.object({ eventType: eventTypeName, exampleIndex: z.number().int().min(0).default(0) });

/**
 * Queues a recover or replay as background work within the application's bulk limit; a batch that
 * does not fit is refused whole (422), since a partial recover would leave its caller guessing.
 */
async function queueBulk(ctx: RequestContext, appId: string, endpointId: string, messagesSql: ReturnType<typeof sql>): Promise<void> {
  const { maxBulkTasks } = effectiveLimits(await storedLimits(ctx.core.db, appId), ctx.core.limits);
  const r = await enqueueBulk(ctx.core.db, appId, endpointId, messagesSql, maxBulkTasks);
  if (r.queued === 0 && r.wanted > 0) {
    throw invalid(
      ["body"],
      `This would queue ${r.wanted} deliveries, and the application already has ${r.alreadyQueued} of at most ${maxBulkTasks} ` +
        "recover or replay deliveries queued. Wait for them to be sent, cancel an endpoint's bulk deliveries, or choose a shorter window.",
      "value_error.bulk_limit",
    );
  }
  ctx.core.wake();
}

function task(kind: "endpoint.recover" | "endpoint.replay") {
  return { id: newId("qtask_"), status: "running", task: kind, updatedAt: new Date().toISOString() };
}

export const endpointActionRoutes = [
  route("GET", "/app/{app_id}/endpoint/{endpoint_id}/stats", async (ctx) => {
    const query = parse(statsQuery, ctx.query, "query");
    const app = await resolveApp(ctx);
    const ep = await resolveEndpoint(ctx, app);
    const now = Date.now();
    const until = query.until ?? new Date(now);
    const since = query.since ?? new Date(until.getTime() - 28 * DAY);
    if (until.getTime() > now + 60_000) throw badRequest("invalid_range", "'until' cannot be in the future");
    if (until.getTime() - since.getTime() > 28 * DAY + 5 * 60_000 || since > until) {
      throw badRequest("invalid_range", "The range may be at most 28 days, with since before until");
    }
    const counts = await rows<{ status: number; n: number }>(
      ctx.core.db,
      sql`SELECT status, count(*)::int AS n FROM message_destinations
          WHERE endpoint_id = ${ep.id} AND created_at >= ${since.toISOString()} AND created_at <= ${until.toISOString()}
          GROUP BY status`,
    );
    const of = (s: number) => counts.find((c) => c.status === s)?.n ?? 0;
    return json({ success: of(Status.success), pending: of(Status.pending), sending: of(Status.sending), fail: of(Status.fail), canceled: 0 });
  }),

  route("POST", "/app/{app_id}/endpoint/{endpoint_id}/recover", async (ctx) => {
    const body = parse(windowIn, await readJson(ctx.req), "body");
    const until = body.until ?? new Date();
    checkWindow(body.since, until);
    const app = await resolveApp(ctx);
    const ep = await resolveEndpoint(ctx, app);
    // Failed for good (no retry pending) and never succeeded: the destination's state says both.
    await queueBulk(
      ctx,
      app.id,
      ep.id,
      sql`SELECT d.msg_id AS id FROM message_destinations d JOIN messages m ON m.id = d.msg_id
          WHERE d.endpoint_id = ${ep.id} AND d.status = ${Status.fail}
            AND d.created_at >= ${body.since.toISOString()} AND d.created_at <= ${until.toISOString()}
            AND m.payload IS NOT NULL AND m.expires_at > now()
          ORDER BY d.msg_id LIMIT ${MAX_RECOVER}`,
    );
    return json(task("endpoint.recover"), 202);
  }),

  route("POST", "/app/{app_id}/endpoint/{endpoint_id}/replay-missing", async (ctx) => {
    const body = parse(windowIn, await readJson(ctx.req), "body");
    const until = body.until ?? new Date();
    checkWindow(body.since, until);
    const app = await resolveApp(ctx);
    const ep = await resolveEndpoint(ctx, app);
    // Messages this endpoint would have received (its filters as they are now) but never got.
    await queueBulk(
      ctx,
      app.id,
      ep.id,
      sql`SELECT m.id FROM messages m JOIN endpoints e ON e.id = ${ep.id}
          WHERE m.app_id = ${app.id} AND m.created_at >= ${body.since.toISOString()} AND m.created_at <= ${until.toISOString()}
            AND m.payload IS NOT NULL AND m.expires_at > now()
            AND ${routesSql}
            AND NOT EXISTS (SELECT 1 FROM message_destinations d WHERE d.msg_id = m.id AND d.endpoint_id = e.id)
          ORDER BY m.id LIMIT ${MAX_RECOVER}`,
    );
    return json(task("endpoint.replay"), 202);
  }),

  // Porthole's extension: drops the endpoint's recover and replay deliveries not yet being attempted.
  route("POST", "/app/{app_id}/endpoint/{endpoint_id}/bulk/cancel", async (ctx) => {
    const app = await resolveApp(ctx);
    const ep = await resolveEndpoint(ctx, app);
    const cancelled = await cancelBulk(ctx.core.db, ep.id);
    return json({ cancelled, stillQueued: await bulkQueued(ctx.core.db, app.id) }, 200);
  }),

  route("POST", "/app/{app_id}/endpoint/{endpoint_id}/send-example", async (ctx) => {
    requireOrg(ctx);
    const body = parse(sendExampleIn, await readJson(ctx.req), "body");
    const app = await resolveApp(ctx);
    const ep = await resolveEndpoint(ctx, app);
    const payload = body.eventType === "svix.ping" ? { success: true } : await examplePayload(ctx.core.db, body.eventType, body.exampleIndex);
    const now = new Date();
    const msg = {
      id: newId("msg_", now),
      appId: app.id,
      eventId: null,
      eventType: body.eventType,
      payload: JSON.stringify(payload),
      channels: null,
      expiresAt: new Date(now.getTime() + 90 * DAY),
      createdAt: now,
    };
    await insertMessage(ctx.core.db, msg, ep.id);
    ctx.core.wake();
    return json(messageOut(msg, true), 200);
  }),
];

async function examplePayload(db: Parameters<typeof rows>[0], name: string, index: number): Promise<unknown> {
  const [type] = await db.select().from(eventTypes).where(eq(eventTypes.name, name)).limit(1);
  const schemas = (type?.schemas ?? {}) as Record<string, { examples?: unknown[] } | undefined>;
  // The newest version's examples: the one the catalog shows.
  const newest = Object.keys(schemas).sort((a, b) => Number(b) - Number(a) || b.localeCompare(a))[0];
  const examples = newest === undefined ? undefined : schemas[newest]?.examples;
  const example = Array.isArray(examples) ? examples[index] : undefined;
  if (!example || typeof example !== "object" || Array.isArray(example)) {
    throw badRequest("invalid_scheme", "The event type has no example to send");
  }
  return example;
}
