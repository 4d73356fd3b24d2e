import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { createDispatcher } from "@/lib/core";
import { rows, type Database } from "@/lib/db/client";
import { cpuSince } from "./load";
import type { BenchReceiver } from "./receiver";
import { LOOPBACK } from "./setup";

export type DeliveryResult = {
  /** Until the receiver had all `n` requests. */
  ms: number;
  delivered: number;
  perSecond: number;
  /** CPU time this process spent per delivery (dispatcher and receiver both run here). */
  cpuUsPerOp: number;
  /** Until every attempt was also recorded (dispatcher stopped after finishing its in-flight work). */
  settledMs: number;
  tasksLeft: number;
  attemptsRecorded: number;
  timedOut: boolean;
};

/** Starts a dispatcher over `n` queued deliveries and times how long the receiver takes to get them all. */
export async function deliverQueued(
  database: Database,
  rx: BenchReceiver,
  n: number,
  concurrency: number,
  deadlineMs: number,
): Promise<DeliveryResult> {
  const dispatcher = createDispatcher({
    database,
    allowlist: LOOPBACK,
    retryScheduleMs: [1000, 2000, 4000],
    headerStyle: "webhook",
    concurrency,
  });
  rx.reset();
  const started = performance.now();
  const cpu = process.cpuUsage();
  dispatcher.start();
  const complete = await rx.waitFor(n, deadlineMs);
  const ms = performance.now() - started;
  const cpuUs = cpuSince(cpu);
  const delivered = rx.count();
  await dispatcher.stop();
  const settledMs = performance.now() - started;
  const [counts] = await rows<{ tasks: number; attempts: number }>(
    database.db,
    sql`SELECT (SELECT count(*)::int FROM delivery_tasks) AS tasks, (SELECT count(*)::int FROM message_attempts) AS attempts`,
  );
  return {
    ms,
    delivered,
    perSecond: (delivered / ms) * 1000,
    cpuUsPerOp: cpuUs / Math.max(1, delivered),
    settledMs,
    tasksLeft: counts?.tasks ?? -1,
    attemptsRecorded: counts?.attempts ?? -1,
    timedOut: !complete,
  };
}
