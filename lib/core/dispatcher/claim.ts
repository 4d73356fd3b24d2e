import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { rowsPrepared, type Db } from "@/lib/db/client";
import { toArray } from "../queue";
import { THROTTLE_SLOT, type Claimed, type Task } from "./task";

export type ClaimRequest = {
  limit: number;
  leaseMs: number;
  /** Tasks one endpoint may hold in this process. */
  endpointHold: number;
  /** Tasks this process holds per endpoint now. */
  held: ReadonlyMap<string, number>;
  /** Endpoints that sit this claim out. */
  busy: string[];
  /** Tasks one application may hold in this process. */
  appHold: number;
  /** Tasks this process holds per application now. */
  appHeld: ReadonlyMap<string, number>;
  /** Applications that sit this claim out. */
  busyApps: string[];
  /** Bulk tasks (recover, replay-missing) this claim may take. */
  bulkRoom: number;
  /**
   * Tasks this claim may take for applications past `smallHold`; what is left of the claim's room
   * after that is kept for applications holding fewer, so a tenant with a backlog never fills it all.
   */
  openRoom: number;
  smallHold: number;
};

/**
 * Oldest due tasks first, but taken round-robin across applications and, within one, across its
 * endpoints, with at most `endpointHold` held per endpoint and `appHold` per application in this
 * process: a backlog (or a slow receiver) on one endpoint, or one tenant's many endpoints, must not
 * hold up everyone else's deliveries. Bulk work is read from its own index and capped at
 * `bulkRoom`, so a replay of thousands neither crowds out new messages nor makes the claim walk it.
 * Leases (FOR UPDATE SKIP LOCKED) let any number of processes share the queue; a task whose
 * worker died reappears when its lease runs out.
 */
export async function claimTasks(db: Db, req: ClaimRequest): Promise<Claimed[]> {
  const lease = randomUUID();
  const claimedAt = Date.now();
  const heldByEndpoint = JSON.stringify(Object.fromEntries(req.held));
  const heldByApp = JSON.stringify(Object.fromEntries(req.appHeld));
  const free = sql`run_at <= now() AND (lease_expires_at IS NULL OR lease_expires_at <= now())
    AND NOT (endpoint_id = ANY(${toArray(req.busy)}::text[])) AND NOT (app_id = ANY(${toArray(req.busyApps)}::text[]))`;
  const tasks = await rowsPrepared<Task>(
    db,
    "porthole_claim",
    // Candidates are read without locks (cheap); only the chosen ones are locked, skipping any
    // another worker holds, and re-checked as still due under the lock. `= ANY(ARRAY(…))` keeps
    // the planner on the primary key instead of hashing the whole queue. Each limit is applied to
    // what the one before it left, so a task one limit drops does not use up another's room.
    sql`WITH candidates AS (
        (SELECT id, endpoint_id, app_id, run_at, bulk FROM delivery_tasks WHERE NOT bulk AND ${free}
          ORDER BY run_at LIMIT ${req.limit * 4})
        UNION ALL
        (SELECT id, endpoint_id, app_id, run_at, bulk FROM delivery_tasks WHERE bulk AND ${free}
          ORDER BY run_at LIMIT ${req.bulkRoom * 4})
      ), by_endpoint AS (
        SELECT *, row_number() OVER (PARTITION BY endpoint_id ORDER BY run_at, id) AS eturn FROM candidates
      ), by_app AS (
        SELECT *, row_number() OVER (PARTITION BY app_id ORDER BY eturn, run_at, id) AS aturn,
          COALESCE((${heldByApp}::jsonb ->> app_id)::int, 0) AS aheld
        FROM by_endpoint WHERE eturn <= ${req.endpointHold} - COALESCE((${heldByEndpoint}::jsonb ->> endpoint_id)::int, 0)
      ), by_kind AS (
        SELECT *, row_number() OVER (PARTITION BY bulk ORDER BY aturn, run_at, id) AS kturn,
          aheld + aturn > ${req.smallHold} AS big
        FROM by_app WHERE aturn <= ${req.appHold} - aheld
      ), by_size AS (
        SELECT *, row_number() OVER (PARTITION BY big ORDER BY aturn, run_at, id) AS sturn
        FROM by_kind WHERE NOT bulk OR kturn <= ${req.bulkRoom}
      ), picked AS (
        SELECT id FROM by_size WHERE NOT big OR sturn <= ${req.openRoom} ORDER BY aturn, run_at LIMIT ${req.limit}
      ), due AS (
        SELECT x.id, x.lease_id AS held FROM delivery_tasks x
        WHERE x.id = ANY(ARRAY(SELECT id FROM picked)) AND x.run_at <= now()
          AND (x.lease_expires_at IS NULL OR x.lease_expires_at <= now())
        FOR UPDATE SKIP LOCKED
      )
      UPDATE delivery_tasks t
      SET lease_expires_at = now() + ${req.leaseMs} * interval '1 millisecond', lease_id = ${lease}
      FROM due, messages m, endpoints e
      WHERE t.id = ANY(ARRAY(SELECT id FROM due)) AND t.id = due.id AND m.id = t.msg_id AND e.id = t.endpoint_id
      RETURNING t.id::int AS id, due.held, t.msg_id, t.endpoint_id, t.app_id, t.trigger, t.attempts, t.bulk,
        m.payload, m.expires_at, e.url, e.disabled, e.secret, e.old_secrets, e.headers, e.throttle_rate`,
  );
  return tasks.map((t) => ({ ...t, lease, claimedAt }));
}

/** Tasks claimed but not started go back to the queue at once rather than after their lease. */
export async function releaseTasks(db: Db, tasks: Claimed[]): Promise<void> {
  if (tasks.length === 0) return;
  await db.execute(
    // A task that had reserved a throttle slot keeps it.
    sql`UPDATE delivery_tasks t SET lease_expires_at = NULL,
          lease_id = CASE WHEN r.held = ${THROTTLE_SLOT} THEN r.held END
        FROM unnest(${toArray(tasks.map((x) => String(x.id)))}::bigint[], ${toArray(tasks.map((x) => x.lease))}::text[],
          ${toArray(tasks.map((x) => x.held ?? ""))}::text[]) AS r(id, lease, held)
        WHERE t.id = r.id AND t.lease_id = r.lease`,
  );
}
