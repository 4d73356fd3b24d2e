import { sql, type SQL } from "drizzle-orm";
import { rows, rowsPrepared, type Db } from "@/lib/db/client";
import { Status } from "./status";

export const Trigger = { scheduled: 0, manual: 1 } as const;

export type NewMessage = {
  id: string;
  appId: string;
  eventId: string | null;
  eventType: string;
  payload: string;
  channels: string[] | null;
  expiresAt: Date;
  createdAt: Date;
};

/** Whether an endpoint receives a message: not disabled, type filter and channels match. */
const ROUTES = sql`NOT e.disabled
  AND (e.event_types IS NULL OR m.event_type = ANY(e.event_types))
  AND (e.channels IS NULL OR e.channels && m.channels)`;

/**
 * The CTEs `d` (one destination per receiving endpoint) and `t` (its first delivery task, due now)
 * for the new messages in CTE `m`; `match` decides which endpoints `e` receive them.
 */
function fanOut(match: SQL): SQL {
  return sql`d AS (
      INSERT INTO message_destinations (msg_id, endpoint_id, app_id, status, next_attempt_at, created_at, updated_at)
      SELECT m.id, e.id, m.app_id, ${Status.sending}, m.created_at, m.created_at, m.created_at
      FROM m JOIN endpoints e ON e.app_id = m.app_id
      WHERE ${match}
      RETURNING msg_id, endpoint_id, app_id
    ), t AS (
      INSERT INTO delivery_tasks (msg_id, endpoint_id, app_id, trigger, run_at)
      SELECT msg_id, endpoint_id, app_id, ${Trigger.scheduled}, now() FROM d
      RETURNING msg_id
    )`;
}

/**
 * Stores a message and its deliveries in one statement, so it is durable (and its fan-out fixed)
 * before the API answers 202. Returns how many endpoints will receive it.
 */
export async function insertMessage(db: Db, m: NewMessage, onlyEndpoint?: string): Promise<number> {
  // An example sent to one endpoint goes there whatever its filters say.
  const match = onlyEndpoint ? sql`e.id = ${onlyEndpoint} AND NOT e.disabled` : ROUTES;
  const [row] = await rows<{ n: number }>(
    db,
    sql`WITH m AS (
      INSERT INTO messages (id, app_id, event_id, event_type, payload, channels, expires_at, created_at)
      VALUES (${m.id}, ${m.appId}, ${m.eventId}, ${m.eventType}, ${m.payload}, ${m.channels ? sql`${toArray(m.channels)}::text[]` : sql`NULL`}, ${m.expiresAt.toISOString()}, ${m.createdAt.toISOString()})
      RETURNING id, app_id, event_type, channels, created_at
    ), ${fanOut(match)}
    SELECT count(*)::int AS n FROM t`,
  );
  return row?.n ?? 0;
}

/**
 * Queues one-off (manual) attempts for existing messages to an endpoint: resend, recover, replay.
 * `messagesSql` selects the `id` column of the messages to send; returns how many were queued.
 */
export async function enqueueManual(db: Db, appId: string, endpointId: string, messagesSql: SQL): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`WITH picked AS (${messagesSql}), ${manualTasks(appId, endpointId, false, sql`TRUE`)} SELECT count(*)::int AS n FROM t`);
  return row?.n ?? 0;
}

export type BulkQueued = { queued: number; wanted: number; alreadyQueued: number };

/**
 * Queues a bulk action's attempts (recover, replay-missing) as background work, all or nothing:
 * when they would take the application past `maxBulkTasks` queued bulk tasks, nothing is queued
 * and `queued` is 0. Counting and inserting in one statement keeps two calls from both fitting.
 */
export async function enqueueBulk(db: Db, appId: string, endpointId: string, messagesSql: SQL, maxBulkTasks: number): Promise<BulkQueued> {
  const [row] = await rows<BulkQueued>(
    db,
    sql`WITH picked AS (${messagesSql}),
      queued AS (SELECT count(*)::int AS n FROM delivery_tasks WHERE app_id = ${appId} AND bulk),
      wanted AS (SELECT count(*)::int AS n FROM picked),
      ${manualTasks(appId, endpointId, true, sql`(SELECT n FROM queued) + (SELECT n FROM wanted) <= ${maxBulkTasks}`)}
    SELECT (SELECT count(*)::int FROM t) AS queued, (SELECT n FROM wanted) AS wanted, (SELECT n FROM queued) AS "alreadyQueued"`,
  );
  return row ?? { queued: 0, wanted: 0, alreadyQueued: 0 };
}

/**
 * Drops an endpoint's bulk tasks that no worker holds (one being attempted finishes). Each
 * destination goes back to what it was before the bulk action: failed (a recovered one, which has
 * attempts) or absent (a replayed one never attempted, so a later replay finds it missing again).
 * Returns how many were dropped.
 */
export async function cancelBulk(db: Db, endpointId: string): Promise<number> {
  // Every CTE sees the table as it was before the DELETE: "other tasks" must leave out those going.
  const others = sql`SELECT 1 FROM delivery_tasks x WHERE x.msg_id = md.msg_id AND x.endpoint_id = md.endpoint_id
    AND NOT (x.id = ANY(ARRAY(SELECT id FROM gone)))`;
  const attempted = sql`EXISTS (SELECT 1 FROM message_attempts a WHERE a.msg_id = md.msg_id AND a.endpoint_id = md.endpoint_id)`;
  const [row] = await rows<{ n: number }>(
    db,
    sql`WITH gone AS (
      DELETE FROM delivery_tasks WHERE endpoint_id = ${endpointId} AND bulk
        AND (lease_expires_at IS NULL OR lease_expires_at <= now())
      RETURNING id, msg_id
    ), dropped AS (
      DELETE FROM message_destinations md
      WHERE md.endpoint_id = ${endpointId} AND md.msg_id = ANY(ARRAY(SELECT msg_id FROM gone))
        AND NOT ${attempted} AND NOT EXISTS (${others})
      RETURNING 1
    ), restored AS (
      UPDATE message_destinations md
      SET status = CASE WHEN EXISTS (${others}) THEN md.status ELSE ${Status.fail}::smallint END,
        next_attempt_at = (SELECT min(x.run_at) FROM delivery_tasks x WHERE x.msg_id = md.msg_id AND x.endpoint_id = md.endpoint_id
          AND NOT (x.id = ANY(ARRAY(SELECT id FROM gone)))),
        updated_at = now()
      WHERE md.endpoint_id = ${endpointId} AND md.msg_id = ANY(ARRAY(SELECT msg_id FROM gone))
        AND (${attempted} OR EXISTS (${others}))
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM gone`,
  );
  return row?.n ?? 0;
}

/** The CTEs `d` and `t`: destinations (re)opened and manual tasks queued for the messages in `picked`, when `go`. */
function manualTasks(appId: string, endpointId: string, bulk: boolean, go: SQL): SQL {
  return sql`d AS (
      INSERT INTO message_destinations (msg_id, endpoint_id, app_id, status, next_attempt_at, created_at, updated_at)
      SELECT picked.id, ${endpointId}, ${appId}, ${Status.sending}, now(), now(), now() FROM picked WHERE ${go}
      ON CONFLICT (msg_id, endpoint_id) DO UPDATE SET status = ${Status.sending}, next_attempt_at = now(), updated_at = now()
      RETURNING msg_id
    ), t AS (
      INSERT INTO delivery_tasks (msg_id, endpoint_id, app_id, trigger, bulk, run_at)
      SELECT msg_id, ${endpointId}, ${appId}, ${Trigger.manual}, ${bulk}, now() FROM d
      RETURNING 1
    )`;
}

export { ROUTES as routesSql };

/** A Postgres array literal, so both drivers bind it the same way. */
export function toArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

export type IngestItem = Omit<NewMessage, "appId"> & { appKey: string };
export type IngestResult = { appId: string | null; inserted: boolean; fanout: number };

/**
 * Writes a batch of messages in one statement: resolves each path key (id or uid) to its app,
 * stores the messages that have one, and fans them out. A duplicate eventId skips just its row
 * (reported as not inserted → 409), so one bad message never fails its neighbours.
 */
export async function insertMessageBatch(db: Db, items: IngestItem[]): Promise<IngestResult[]> {
  const batch = JSON.stringify(
    items.map((m, i) => ({
      i,
      app_key: m.appKey,
      id: m.id,
      event_id: m.eventId,
      event_type: m.eventType,
      payload: m.payload,
      channels: m.channels,
      expires_at: m.expiresAt.toISOString(),
      created_at: m.createdAt.toISOString(),
    })),
  );
  const result = await rowsPrepared<{ i: number; app_id: string | null; inserted: boolean; fanout: number }>(
    db,
    "porthole_ingest_batch",
    sql`WITH b AS (
      SELECT * FROM jsonb_to_recordset(${batch}::jsonb) AS b(i int, app_key text, id text, event_id text, event_type text,
        payload text, channels text[], expires_at timestamptz, created_at timestamptz)
    ), r AS (
      SELECT b.*, CASE WHEN b.app_key LIKE 'app\\_%' THEN ai.id ELSE au.id END AS app_id
      FROM b LEFT JOIN applications ai ON ai.id = b.app_key LEFT JOIN applications au ON au.uid = b.app_key
    ), m AS (
      INSERT INTO messages (id, app_id, event_id, event_type, payload, channels, expires_at, created_at)
      SELECT id, app_id, event_id, event_type, payload, channels, expires_at, created_at FROM r WHERE app_id IS NOT NULL
      ON CONFLICT (app_id, event_id) DO NOTHING
      RETURNING id, app_id, event_type, channels, created_at
    ), ${fanOut(ROUTES)}
    SELECT r.i, r.app_id, (m.id IS NOT NULL) AS inserted, (SELECT count(*) FROM t WHERE t.msg_id = r.id)::int AS fanout
    FROM r LEFT JOIN m ON m.id = r.id ORDER BY r.i`,
  );
  return result.map((r) => ({ appId: r.app_id, inserted: r.inserted, fanout: r.fanout }));
}
