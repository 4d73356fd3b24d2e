import { sql } from "drizzle-orm";
import { rows, rowsPrepared, type Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { newId } from "../ids";
import { Trigger } from "../queue";
import { Status } from "../status";
import { nextDelayMs } from "./schedule";
import type { SendResult } from "./sender";
import type { Claimed } from "./task";

export type Success = { task: Claimed; result: SendResult; at: Date };

export type FailureOptions = {
  retryScheduleMs: number[];
  /** An endpoint whose retries keep being exhausted for this long is disabled. */
  disableAfterMs: number;
};

/** A 2xx answer; anything else (no answer included) is a failure. */
export function succeeded(result: SendResult | null): result is SendResult {
  return result !== null && result.statusCode >= 200 && result.statusCode < 300;
}

/**
 * Records a failed attempt and moves the task on, in one statement: the next retry, or the end of
 * the task. `result` null = skipped without a request. When the task is no longer ours (our lease
 * ran out and another worker took it, or a success elsewhere cancelled it), the attempt is still
 * recorded, since it happened, but the destination and endpoint state are left to whoever holds
 * the task now.
 */
export async function recordFailure(db: Db, task: Claimed, result: SendResult | null, at: Date, opts: FailureOptions): Promise<void> {
  const made = task.attempts + 1;
  const delay = result === null || task.trigger === Trigger.manual ? null : nextDelayMs(opts.retryScheduleMs, made, result);
  const exhausted = result !== null && delay === null && task.trigger === Trigger.scheduled;
  const attemptId = newId("atmpt_", at);
  const attempt = result
    ? sql`, a AS (
        INSERT INTO message_attempts (id, msg_id, endpoint_id, app_id, url, response, response_status_code,
          response_duration_ms, status, trigger_type, created_at)
        VALUES (${attemptId}, ${task.msg_id}, ${task.endpoint_id}, ${task.app_id}, ${task.url}, ${result.body},
          ${result.statusCode}, ${result.durationMs}, ${Status.fail}, ${task.trigger}, ${at.toISOString()})
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
  const tooLong = sql`first_failure_at IS NOT NULL AND first_failure_at < now() - ${opts.disableAfterMs} * interval '1 millisecond'`;
  // `o` locks the endpoint (after the task, as every outcome statement does) before changing it, so
  // `o.disabled` is its state right before this change even when another outcome for the same
  // endpoint committed meanwhile: only the statement that disables it says so.
  const endpoint = exhausted
    ? sql`o AS (SELECT disabled FROM endpoints WHERE id = ${task.endpoint_id} AND EXISTS (SELECT 1 FROM t) FOR UPDATE),
      e AS (UPDATE endpoints SET first_failure_at = COALESCE(first_failure_at, now()),
        disabled = endpoints.disabled OR (${tooLong}),
        disabled_reason = CASE WHEN NOT endpoints.disabled AND (${tooLong}) THEN 'auto' ELSE disabled_reason END,
        failing_since = CASE WHEN ${failingFromHere} THEN ${at.toISOString()}::timestamptz ELSE failing_since END
        FROM o WHERE endpoints.id = ${task.endpoint_id}
        RETURNING endpoints.disabled AND NOT o.disabled AS disabled_now)`
    : result
      ? sql`e AS (UPDATE endpoints SET failing_since = ${at.toISOString()}::timestamptz
          WHERE id = ${task.endpoint_id} AND EXISTS (SELECT 1 FROM t) AND ${failingFromHere}
          RETURNING false AS disabled_now)`
      : sql`e AS (SELECT false AS disabled_now)`;

  const [outcome] = await rows<{ disabled: boolean }>(
    db,
    sql`WITH t AS (${taskChange})${attempt},
    d AS (UPDATE message_destinations SET ${destination}, updated_at = now() WHERE ${sameDestination} AND EXISTS (SELECT 1 FROM t) RETURNING 1),
    f AS (INSERT INTO failing_destinations (msg_id, endpoint_id, app_id)
      SELECT ${task.msg_id}, ${task.endpoint_id}, ${task.app_id} WHERE EXISTS (SELECT 1 FROM t) ON CONFLICT DO NOTHING RETURNING 1),
    ${endpoint}
    SELECT COALESCE((SELECT disabled_now FROM e), false) AS disabled`,
  );

  const where = { appId: task.app_id, endpointId: task.endpoint_id, msgId: task.msg_id };
  if (result) {
    // The receiver's answer is theirs (and may echo the payload): only its status code is logged;
    // with no answer, the body is our own description of what went wrong.
    const answer = result.statusCode === 0 ? { error: result.body } : { statusCode: result.statusCode };
    const trigger = task.trigger === Trigger.manual ? "manual" : "scheduled";
    // A failure with a retry to come is routine; one with none left is worth an operator's look.
    const level = delay === null ? "warn" : "info";
    log[level]({ ...where, attempt: made, trigger, ...answer, nextAttemptInMs: delay }, "delivery failed");
  }
  if (outcome?.disabled) {
    log.warn({ ...where, failingForMs: opts.disableAfterMs }, "endpoint disabled: its retries kept failing");
  }
}

/**
 * Records successful attempts in one statement. A success counts even when the task was taken
 * from us (the receiver has the message): scheduled retries still queued for the destination are
 * moot and go; manual resends stay, since someone asked for each of them.
 */
export async function recordSuccesses(db: Db, batch: Success[]): Promise<void[]> {
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
  await rowsPrepared(db, "porthole_record_successes", sql`WITH b AS (
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
