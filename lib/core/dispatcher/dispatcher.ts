import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Agent } from "undici";
import { rows, rowsPrepared, type Db } from "@/lib/db/client";
import type { OldSecret } from "@/lib/db/schema";
import { Status } from "../status";
import { newId } from "../ids";
import { GroupCommit } from "../group-commit";
import { toArray, Trigger } from "../queue";
import { nextDelayMs } from "./schedule";
import { sendWebhook, type SendResult } from "./sender";
import { signatureHeader, webhookHeaders, type HeaderStyle } from "./signing";
import { createGuardedAgent, type Cidr } from "./ssrf";

export type DispatcherOptions = {
  db: Db;
  allowlist: Cidr[];
  retryScheduleMs: number[];
  headerStyle: HeaderStyle;
  /** Deliveries in flight at once in this process. */
  concurrency: number;
  /** How long a claimed task stays hidden from other workers; must outlast one attempt. */
  leaseMs?: number;
  timeoutMs?: number;
  /** How often to look for due work when nothing wakes us (other processes' messages, retries). */
  pollMs?: number;
  /** Outcome batches written at once: several connections on Postgres; PGlite runs one statement at a time. */
  parallelWrites?: number;
  /** An endpoint whose retries keep being exhausted for this long is disabled. */
  disableAfterMs?: number;
};

type Task = {
  id: number;
  /** The task's lease before this claim: THROTTLE_SLOT when it already holds a throttle slot. */
  held: string | null;
  msg_id: string;
  endpoint_id: string;
  app_id: string;
  trigger: number;
  attempts: number;
  payload: string | null;
  expires_at: Date;
  url: string;
  disabled: boolean;
  secret: string;
  old_secrets: OldSecret[];
  headers: Record<string, string>;
  throttle_rate: number | null;
};

type Claimed = Task & { lease: string; claimedAt: number };

type Success = { task: Claimed; result: SendResult; at: Date };

/** Marks a task put back to wait for a throttle slot it has already reserved. */
const THROTTLE_SLOT = "throttle-slot";

/**
 * Claims due delivery tasks from the database with leases (FOR UPDATE SKIP LOCKED), so any number
 * of processes can share the work; a task whose worker died reappears when its lease runs out.
 */
export class Dispatcher {
  private readonly leaseMs: number;
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  private readonly disableAfterMs: number;
  private readonly agent: Agent;
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * Claimed tasks waiting for a slot, in claim order. The next claim runs while the current
   * attempts are in flight, so a slot that frees up is refilled at once instead of waiting for the
   * database; without this, deliveries went in bursts with the process idle between them.
   */
  private readonly ready: Claimed[] = [];
  /** Attempts made whose outcome is still being written. */
  private readonly writes = new Set<Promise<void>>();
  /** Attempts in flight per endpoint, so one slow endpoint with a backlog cannot take every slot. */
  private readonly running = new Map<string, number>();
  /** Tasks held per endpoint, waiting or in flight: what the claim's per-endpoint room counts. */
  private readonly held = new Map<string, number>();
  /** Slots one endpoint may fill. */
  private readonly endpointShare: number;
  /** Tasks one endpoint may hold: its slots, and as many again waiting. */
  private readonly endpointHold: number;
  private readonly minClaim: number;
  /** The last claim found nothing this process may take. */
  private starved = false;
  /** Successful attempts are recorded together: one statement for many deliveries under load. */
  private readonly successes: GroupCommit<Success, void>;
  private active = false;
  private loop: Promise<void> | undefined;
  private signal: (() => void) | undefined;
  private woken = false;
  private lastHousekeeping = 0;

  constructor(private readonly opts: DispatcherOptions) {
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.pollMs = opts.pollMs ?? 250;
    this.disableAfterMs = opts.disableAfterMs ?? 5 * 86_400_000;
    // One endpoint may fill the slots but a quarter, kept for everyone else's deliveries.
    this.endpointShare = Math.max(1, opts.concurrency - Math.ceil(opts.concurrency / 4));
    this.endpointHold = 2 * this.endpointShare;
    this.minClaim = Math.max(1, Math.floor(opts.concurrency / 8));
    this.successes = new GroupCommit((batch) => this.writeSuccesses(batch), { parallel: opts.parallelWrites ?? 1 });
    this.agent = createGuardedAgent({ allowlist: opts.allowlist, connections: Math.max(8, opts.concurrency) });
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.loop = this.run();
  }

  /** Finishes the attempts in flight and hands back the tasks not started, then stops claiming. */
  async stop(): Promise<void> {
    this.active = false;
    this.wake();
    await this.loop;
    await this.release(this.ready.splice(0)).catch((err: unknown) => {
      console.error("dispatcher: handing back waiting tasks failed; they return when their lease runs out", errorText(err));
    });
    await Promise.allSettled([...this.inFlight]);
    await Promise.allSettled([...this.writes]);
    await this.agent.close().catch(() => {});
  }

  wake(): void {
    this.starved = false;
    this.notify();
  }

  /** Remembered until the loop next claims, so a notice that comes mid-claim is not lost. */
  private notify(): void {
    this.woken = true;
    this.signal?.();
  }

  private async run(): Promise<void> {
    while (this.active) {
      const room = this.claimRoom();
      const asked = Math.min(room, 100);
      const ready = this.readyToClaim();
      let claimed = 0;
      if (ready) {
        this.woken = false;
        try {
          const tasks = await this.claim(asked);
          claimed = tasks.length;
          this.starved = claimed === 0;
          for (const task of tasks) {
            count(this.held, task.endpoint_id, 1);
            this.ready.push(task);
          }
          this.startReady();
          await this.housekeeping();
        } catch (err) {
          console.error("dispatcher: claiming work failed; retrying", errorText(err));
          await sleep(1000);
        }
      }
      // More may be due right away only when the claim came back full; otherwise wait for a wake-up,
      // room to claim or the poll (claiming again at once would mostly find nothing).
      if (!ready || claimed < asked) await this.waitForSignal();
    }
  }

  /** Outcomes still being written count once they pile up: the database sets the pace. */
  private backlog(): number {
    return Math.max(0, this.writes.size - 4 * this.opts.concurrency);
  }

  /** Tasks this process may still claim: a slot each, and as many again to wait for one. */
  private claimRoom(): number {
    return 2 * this.opts.concurrency - this.inFlight.size - this.ready.length - this.backlog();
  }

  /**
   * Claim when room for a batch has opened (or nothing is held), not for every attempt that ends:
   * one claim per delivery would make the claim query the busiest statement in the database.
   */
  private readyToClaim(): boolean {
    const room = this.claimRoom();
    return room > 0 && (room >= this.minClaim || this.inFlight.size + this.ready.length === 0);
  }

  /** Starts waiting tasks while slots are free, skipping endpoints that have filled their share. */
  private startReady(): void {
    const slots = this.opts.concurrency - this.backlog();
    const now = Date.now();
    for (let i = 0; i < this.ready.length && this.inFlight.size < slots && this.active; ) {
      const task = this.ready[i]!;
      if ((this.running.get(task.endpoint_id) ?? 0) >= this.endpointShare) {
        i++;
        continue;
      }
      this.ready.splice(i, 1);
      // Waited so long its lease may run out mid-attempt: leave it to whoever claims it next.
      if (now - task.claimedAt > this.leaseMs / 2) {
        count(this.held, task.endpoint_id, -1);
        continue;
      }
      this.track(task, this.process(task));
    }
  }

  private record(write: Promise<void>, task: Task): void {
    const p = write.catch((err: unknown) => {
      console.error(`dispatcher: recording task ${task.id} failed; it will be retried after its lease`, errorText(err));
    });
    this.writes.add(p);
    void p.finally(() => {
      this.writes.delete(p);
      // Written outcomes free slots only while they were holding claims back.
      if (this.writes.size >= 4 * this.opts.concurrency) this.notify();
    });
  }

  private track(task: Claimed, p: Promise<void>): void {
    const endpointId = task.endpoint_id;
    this.inFlight.add(p);
    count(this.running, endpointId, 1);
    void p.finally(() => {
      this.inFlight.delete(p);
      count(this.running, endpointId, -1);
      const before = count(this.held, endpointId, -1) + 1;
      this.startReady();
      // After a claim found nothing it may take, only an endpoint getting room back (or an empty
      // dispatcher, a wake-up or the poll) is worth another claim; each finished attempt is not.
      const threshold = this.endpointHold - this.minClaim;
      if (before > threshold && before - 1 <= threshold) this.starved = false;
      if (!this.starved || this.inFlight.size + this.ready.length === 0) this.notify();
    });
  }

  /** Tasks claimed but not started go back to the queue at once rather than after their lease. */
  private async release(tasks: Claimed[]): Promise<void> {
    for (const task of tasks) count(this.held, task.endpoint_id, -1);
    if (tasks.length === 0) return;
    await this.opts.db.execute(
      // A task that had reserved a throttle slot keeps it.
      sql`UPDATE delivery_tasks t SET lease_expires_at = NULL,
            lease_id = CASE WHEN r.held = ${THROTTLE_SLOT} THEN r.held END
          FROM unnest(${toArray(tasks.map((x) => String(x.id)))}::bigint[], ${toArray(tasks.map((x) => x.lease))}::text[],
            ${toArray(tasks.map((x) => x.held ?? ""))}::text[]) AS r(id, lease, held)
          WHERE t.id = r.id AND t.lease_id = r.lease`,
    );
  }

  private waitForSignal(): Promise<void> {
    if (!this.active) return Promise.resolve();
    // A wake-up only matters once we may claim: answering it earlier would spin this loop on
    // resolved promises and starve the very I/O that frees the slots.
    if (this.woken && this.readyToClaim()) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.signal = () => {
        this.signal = undefined;
        done();
      };
    });
  }

  /**
   * Oldest due tasks first, but taken round-robin across endpoints and at most `endpointHold` held
   * per endpoint in this process (`endpointShare` of them in flight): a backlog (or a slow
   * receiver) on one endpoint must not hold up every other endpoint's deliveries.
   */
  private async claim(limit: number): Promise<Claimed[]> {
    const lease = randomUUID();
    const claimedAt = Date.now();
    // Endpoints within a batch of their share sit this claim out, so claims come in batches.
    const busy = [...this.held].filter(([, n]) => n > this.endpointHold - this.minClaim).map(([id]) => id);
    const room = JSON.stringify(Object.fromEntries(this.held));
    const tasks = await rowsPrepared<Task>(
      this.opts.db,
      "porthole_claim",
      // Candidates are read without locks (cheap); only the chosen ones are locked, skipping any
      // another worker holds, and re-checked as still due under the lock. `= ANY(ARRAY(…))` keeps
      // the planner on the primary key instead of hashing the whole queue.
      sql`WITH candidates AS (
        SELECT id, endpoint_id, run_at FROM delivery_tasks
        WHERE run_at <= now() AND (lease_expires_at IS NULL OR lease_expires_at <= now())
          AND NOT (endpoint_id = ANY(${toArray(busy)}::text[]))
        ORDER BY run_at LIMIT ${limit * 4}
      ), ranked AS (
        SELECT id, run_at, row_number() OVER (PARTITION BY endpoint_id ORDER BY run_at, id) AS turn,
          ${this.endpointHold} - COALESCE((${room}::jsonb ->> endpoint_id)::int, 0) AS share
        FROM candidates
      ), picked AS (
        SELECT id FROM ranked WHERE turn <= share ORDER BY turn, run_at LIMIT ${limit}
      ), due AS (
        SELECT x.id, x.lease_id AS held FROM delivery_tasks x
        WHERE x.id = ANY(ARRAY(SELECT id FROM picked)) AND x.run_at <= now()
          AND (x.lease_expires_at IS NULL OR x.lease_expires_at <= now())
        FOR UPDATE SKIP LOCKED
      )
      UPDATE delivery_tasks t
      SET lease_expires_at = now() + ${this.leaseMs} * interval '1 millisecond', lease_id = ${lease}
      FROM due, messages m, endpoints e
      WHERE t.id = ANY(ARRAY(SELECT id FROM due)) AND t.id = due.id AND m.id = t.msg_id AND e.id = t.endpoint_id
      RETURNING t.id::int AS id, due.held, t.msg_id, t.endpoint_id, t.app_id, t.trigger, t.attempts,
        m.payload, m.expires_at, e.url, e.disabled, e.secret, e.old_secrets, e.headers, e.throttle_rate`,
    );
    return tasks.map((t) => ({ ...t, lease, claimedAt }));
  }

  private async process(task: Claimed): Promise<void> {
    try {
      if (task.disabled || task.payload === null || new Date(task.expires_at).getTime() <= Date.now()) {
        // Disabled endpoints and expunged messages receive nothing; the destination stays "fail" so a
        // recover after re-enabling picks it up.
        await this.finish(task, null, new Date());
        return;
      }
      if (task.throttle_rate !== null && task.held !== THROTTLE_SLOT && !(await this.takeThrottleSlot(task))) return;
      // The attempt's time is when it was made, however long recording it takes.
      const at = new Date();
      const result = await this.attempt(task);
      // The slot is free once the receiver has answered; recording the attempt goes on beside the
      // next deliveries (group-committed). A crash before it is written only means a redelivery.
      this.record(this.finish(task, result, at), task);
    } catch (err) {
      // The lease runs out and another attempt is made: at-least-once, never lost.
      console.error(`dispatcher: task ${task.id} failed; it will be retried after its lease`, errorText(err));
    }
  }

  private async attempt(task: Task): Promise<SendResult> {
    const now = Date.now();
    const timestamp = Math.floor(now / 1000);
    const secrets = [task.secret, ...task.old_secrets.filter((s) => Date.parse(s.expiresAt) > now).map((s) => s.key)];
    const signature = signatureHeader(secrets, task.msg_id, timestamp, task.payload!);
    return sendWebhook(this.agent, {
      url: task.url,
      headers: {
        ...task.headers,
        ...webhookHeaders(this.opts.headerStyle, task.msg_id, timestamp, signature),
        "content-type": "application/json",
      },
      body: task.payload!,
      timeoutMs: this.timeoutMs,
      allowlist: this.opts.allowlist,
    });
  }

  /**
   * Generic cell rate algorithm on the endpoint row, so the rate holds across all workers. Every
   * task reserves the next free slot; one whose slot is still ahead is put back to run at it,
   * marked so it does not reserve another. Reserving (rather than retrying for a slot) claims each
   * waiting task only twice, however long the queue, where retrying would have every waiting task
   * race for every slot; it also keeps the endpoint's deliveries roughly in their queue order.
   */
  private async takeThrottleSlot(task: Claimed): Promise<boolean> {
    const [slot] = await rows<{ at: Date; now: Date }>(
      this.opts.db,
      sql`UPDATE endpoints SET throttle_tat = GREATEST(throttle_tat, clock_timestamp()) + interval '1 second' / throttle_rate
          WHERE id = ${task.endpoint_id} AND throttle_rate IS NOT NULL
          RETURNING throttle_tat - interval '1 second' / throttle_rate AS at, clock_timestamp() AS now`,
    );
    // A few milliseconds early is not worth a round trip through the queue.
    if (!slot || new Date(slot.at).getTime() - new Date(slot.now).getTime() <= 5) return true;
    await this.opts.db.execute(
      sql`UPDATE delivery_tasks SET run_at = ${new Date(slot.at).toISOString()}::timestamptz, lease_id = ${THROTTLE_SLOT}, lease_expires_at = NULL
          WHERE id = ${task.id} AND lease_id = ${task.lease}`,
    );
    return false;
  }

  /**
   * Records an attempt and moves the task on, in one statement. `result` null = skipped without a
   * request. When the task is no longer ours (our lease ran out and another worker took it, or a
   * success elsewhere cancelled it), the attempt is still recorded, since it happened, but the
   * destination and endpoint state are left to whoever holds the task now.
   */
  private async finish(task: Claimed, result: SendResult | null, at: Date): Promise<void> {
    const ok = result !== null && result.statusCode >= 200 && result.statusCode < 300;
    if (ok) return this.successes.add({ task, result, at });
    const made = task.attempts + 1;
    const delay =
      result === null || ok || task.trigger === Trigger.manual ? null : nextDelayMs(this.opts.retryScheduleMs, made, result);
    const exhausted = result !== null && !ok && delay === null && task.trigger === Trigger.scheduled;
    const attemptId = newId("atmpt_", at);
    const attempt = result
      ? sql`, a AS (
          INSERT INTO message_attempts (id, msg_id, endpoint_id, app_id, url, response, response_status_code,
            response_duration_ms, status, trigger_type, created_at)
          VALUES (${attemptId}, ${task.msg_id}, ${task.endpoint_id}, ${task.app_id}, ${task.url}, ${result.body},
            ${result.statusCode}, ${result.durationMs}, ${ok ? Status.success : Status.fail}, ${task.trigger}, ${at.toISOString()})
          RETURNING 1)`
      : sql``;
    const ours = sql`id = ${task.id} AND lease_id = ${task.lease}`;
    const sameDestination = sql`msg_id = ${task.msg_id} AND endpoint_id = ${task.endpoint_id}`;
    // Other work still queued for this destination (a manual resend next to a scheduled retry, say).
    const others = sql`(SELECT min(run_at) FROM delivery_tasks WHERE ${sameDestination} AND id <> ${task.id})`;

    let taskChange, destination;
    if (delay !== null) {
      const next = sql`now() + ${delay} * interval '1 millisecond'`;
      taskChange = sql`UPDATE delivery_tasks SET attempts = ${made}, lease_id = NULL, lease_expires_at = NULL, run_at = ${next} WHERE ${ours} RETURNING 1`;
      destination = sql`status = ${Status.sending}, next_attempt_at = LEAST(${next}, ${others})`;
    } else {
      taskChange = sql`DELETE FROM delivery_tasks WHERE ${ours} RETURNING 1`;
      // A failed manual resend must not mark the destination failed while a scheduled retry is queued.
      destination = sql`status = CASE WHEN ${others} IS NOT NULL THEN ${Status.sending}::smallint ELSE ${Status.fail}::smallint END,
        next_attempt_at = ${others}`;
    }
    // The endpoint has been failing since this attempt unless it already was, or a later attempt
    // (recorded first) succeeded. Written once per failing spell, not on every failure.
    const failingFromHere = sql`failing_since IS NULL AND NOT EXISTS (SELECT 1 FROM message_attempts
      WHERE endpoint_id = ${task.endpoint_id} AND id > ${attemptId} AND status = ${Status.success})`;
    const tooLong = sql`first_failure_at IS NOT NULL AND first_failure_at < now() - ${this.disableAfterMs} * interval '1 millisecond'`;
    const endpoint = exhausted
      ? sql`UPDATE endpoints SET first_failure_at = COALESCE(first_failure_at, now()),
          disabled = disabled OR (${tooLong}),
          disabled_reason = CASE WHEN NOT disabled AND (${tooLong}) THEN 'auto' ELSE disabled_reason END,
          failing_since = CASE WHEN ${failingFromHere} THEN ${at.toISOString()}::timestamptz ELSE failing_since END
          WHERE id = ${task.endpoint_id} AND EXISTS (SELECT 1 FROM t)`
      : result
        ? sql`UPDATE endpoints SET failing_since = ${at.toISOString()}::timestamptz
            WHERE id = ${task.endpoint_id} AND EXISTS (SELECT 1 FROM t) AND ${failingFromHere}`
        : sql`SELECT 1`;

    await this.opts.db.execute(sql`WITH t AS (${taskChange})${attempt},
      d AS (UPDATE message_destinations SET ${destination}, updated_at = now() WHERE ${sameDestination} AND EXISTS (SELECT 1 FROM t) RETURNING 1),
      f AS (INSERT INTO failing_destinations (msg_id, endpoint_id, app_id)
        SELECT ${task.msg_id}, ${task.endpoint_id}, ${task.app_id} WHERE EXISTS (SELECT 1 FROM t) ON CONFLICT DO NOTHING RETURNING 1),
      e AS (${endpoint})
      SELECT 1`);
  }

  /**
   * Records successful attempts in one statement. A success counts even when the task was taken
   * from us (the receiver has the message): scheduled retries still queued for the destination are
   * moot and go; manual resends stay, since someone asked for each of them.
   */
  private async writeSuccesses(batch: Success[]): Promise<void[]> {
    const rowsJson = JSON.stringify(
      batch.map(({ task, result, at }) => ({
        id: task.id,
        lease: task.lease,
        msg_id: task.msg_id,
        endpoint_id: task.endpoint_id,
        app_id: task.app_id,
        url: task.url,
        response: result.body,
        code: result.statusCode,
        dur: result.durationMs,
        trig: task.trigger,
        aid: newId("atmpt_", at),
        at: at.toISOString(),
        // Only a destination that may have failed before can be listed as failing: a retry, or a manual
        // send (resend, recover). First tries, nearly every delivery, skip that table.
        failed: task.attempts > 0 || task.trigger === Trigger.manual,
      })),
    );
    await rowsPrepared(this.opts.db, "porthole_record_successes", sql`WITH b AS (
        SELECT * FROM jsonb_to_recordset(${rowsJson}::jsonb) AS b(id bigint, lease text, msg_id text, endpoint_id text,
          app_id text, url text, response text, code int, dur int, trig smallint, aid text, at timestamptz, failed boolean)
      ), t AS (
        DELETE FROM delivery_tasks x USING b
        WHERE x.msg_id = ANY(ARRAY(SELECT msg_id FROM b)) AND x.msg_id = b.msg_id AND x.endpoint_id = b.endpoint_id
          AND ((x.id = b.id AND x.lease_id = b.lease) OR x.trigger = ${Trigger.scheduled})
        RETURNING 1
      ), a AS (
        INSERT INTO message_attempts (id, msg_id, endpoint_id, app_id, url, response, response_status_code,
          response_duration_ms, status, trigger_type, created_at)
        SELECT aid, msg_id, endpoint_id, app_id, url, response, code, dur, ${Status.success}, trig, at FROM b
        RETURNING 1
      ), d AS (
        UPDATE message_destinations md SET status = ${Status.success}, updated_at = now(),
          next_attempt_at = (SELECT min(x.run_at) FROM delivery_tasks x
            WHERE x.msg_id = b.msg_id AND x.endpoint_id = b.endpoint_id AND x.id <> b.id AND x.trigger = ${Trigger.manual})
        FROM b WHERE md.msg_id = ANY(ARRAY(SELECT msg_id FROM b)) AND md.msg_id = b.msg_id AND md.endpoint_id = b.endpoint_id
        RETURNING 1
      ), f AS (
        DELETE FROM failing_destinations x USING b
        WHERE x.msg_id = ANY(ARRAY(SELECT msg_id FROM b WHERE b.failed)) AND x.msg_id = b.msg_id AND x.endpoint_id = b.endpoint_id
        RETURNING 1
      ), e AS (
        UPDATE endpoints SET first_failure_at = NULL,
          failing_since = CASE WHEN failing_since <= s.at THEN NULL ELSE failing_since END
        FROM (SELECT endpoint_id, max(at) AS at FROM b GROUP BY endpoint_id) s
        WHERE id = ANY(ARRAY(SELECT DISTINCT endpoint_id FROM b)) AND id = s.endpoint_id
          AND (first_failure_at IS NOT NULL OR failing_since <= s.at)
        RETURNING 1
      )
      SELECT 1`);
    return batch.map(() => undefined);
  }

  /** Occasional clean-up: payloads past their retention, revoked tokens past their expiry, idempotent answers past 12 hours. */
  private async housekeeping(): Promise<void> {
    if (Date.now() - this.lastHousekeeping < 10 * 60_000) return;
    this.lastHousekeeping = Date.now();
    await this.opts.db.execute(sql`UPDATE messages SET payload = NULL WHERE payload IS NOT NULL AND expires_at <= now()`);
    await this.opts.db.execute(sql`DELETE FROM revoked_tokens WHERE expires_at <= now()`);
    await this.opts.db.execute(sql`DELETE FROM idempotency_keys WHERE expires_at <= now()`);
  }
}

/** Adds `by` to a per-endpoint counter, dropping it at zero; returns the new value. */
function count(map: Map<string, number>, key: string, by: number): number {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
  return n;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function errorText(err: unknown): string {
  // Drizzle wraps driver errors in "Failed query: <the whole statement>"; the cause says what went wrong.
  if (err instanceof Error && err.cause instanceof Error) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}
