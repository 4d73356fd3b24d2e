import type { Baseline, LoadResult } from "./load";
import type { DeliveryResult } from "./deliver";
import type { LatencyResult } from "./latency";
import { millis, perSecond, ratio, table, type Row } from "./stats";

export const TARGETS = { deliveryRatio: 0.3, ingestRatio: 0.25, p99Ms: 100 };

export type Results = {
  database: string;
  options: Record<string, unknown>;
  barePosts: Baseline;
  bareInserts: Baseline;
  ingest: LoadResult;
  delivery: DeliveryResult;
  latency: LatencyResult;
};

export function summary(r: Results) {
  const deliveryRatio = r.delivery.perSecond / r.barePosts.perSecond;
  const ingestRatio = r.ingest.perSecond / r.bareInserts.perSecond;
  const baselinesOk = [...r.barePosts.runs, ...r.bareInserts.runs].every((b) => b.failed === 0 && !b.timedOut);
  const deliveryOk = baselinesOk && deliveryRatio >= TARGETS.deliveryRatio && !r.delivery.timedOut && r.delivery.tasksLeft === 0;
  const ingestOk = baselinesOk && ingestRatio >= TARGETS.ingestRatio && r.ingest.failed === 0 && !r.ingest.timedOut;
  const latencyOk = r.latency.endToEnd.p99 <= TARGETS.p99Ms && r.latency.endToEnd.count === r.latency.sent;
  return { deliveryRatio, ingestRatio, deliveryOk, ingestOk, latencyOk, allOk: deliveryOk && ingestOk && latencyOk };
}

export function rows(r: Results): Row[] {
  const s = summary(r);
  const e = r.latency.endToEnd;
  const blank = { baseline: "", ratio: "", target: "", ok: "" };
  const yes = (ok: boolean) => (ok ? "yes" : "NO");
  return [
    { metric: "A: bare POST loop", value: perSecond(r.barePosts.perSecond), ...blank },
    {
      metric: "delivery (dispatcher)",
      value: perSecond(r.delivery.perSecond),
      baseline: perSecond(r.barePosts.perSecond),
      ratio: ratio(s.deliveryRatio),
      target: `≥ ${TARGETS.deliveryRatio.toFixed(2)}×`,
      ok: yes(s.deliveryOk),
    },
    { metric: "B: bare INSERTs", value: perSecond(r.bareInserts.perSecond), ...blank },
    {
      metric: "ingest (HTTP API)",
      value: perSecond(r.ingest.perSecond),
      baseline: perSecond(r.bareInserts.perSecond),
      ratio: ratio(s.ingestRatio),
      target: `≥ ${TARGETS.ingestRatio.toFixed(2)}×`,
      ok: yes(s.ingestOk),
    },
    { metric: "latency p50", value: millis(e.p50), ...blank },
    { metric: "latency p90", value: millis(e.p90), ...blank },
    { metric: "latency p99", value: millis(e.p99), baseline: "", ratio: "", target: `≤ ${TARGETS.p99Ms} ms`, ok: yes(s.latencyOk) },
    { metric: "latency max", value: millis(e.max), ...blank },
    { metric: "latency count", value: `${e.count}/${r.latency.sent}`, ...blank },
  ];
}

/** Side facts that explain the table: failures, settle time, acknowledgement latency. */
export function details(r: Results): string[] {
  const a = r.latency.accepted;
  return [
    `A (before, after delivery): ${runs(r.barePosts)}`,
    `delivery: ${r.delivery.delivered} received in ${millis(r.delivery.ms)}, ${cpu(r.delivery.cpuUsPerOp)}; all attempts recorded after ${millis(r.delivery.settledMs)}; ` +
      `delivery_tasks left: ${r.delivery.tasksLeft}; attempts recorded: ${r.delivery.attemptsRecorded}${r.delivery.timedOut ? " (TIMED OUT)" : ""}`,
    `B (before, after ingest): ${runs(r.bareInserts)}`,
    `ingest: ${r.ingest.done} messages in ${millis(r.ingest.ms)}, ${cpu(r.ingest.cpuUsPerOp)} (${r.ingest.failed} failed${r.ingest.timedOut ? ", TIMED OUT" : ""})`,
    `latency: 202 answered in p50 ${millis(a.p50)}, p99 ${millis(a.p99)}, max ${millis(a.max)}; ` +
      `${r.latency.answered}/${r.latency.sent} answered, ${r.latency.failed} failed, ${r.latency.missing} accepted but not delivered; ` +
      `worst send-schedule lag ${millis(r.latency.maxScheduleLagMs)}`,
  ];
}

function runs(b: Baseline): string {
  return b.runs.map((r) => `${perSecond(r.perSecond)} (${r.done} in ${millis(r.ms)}, ${cpu(r.cpuUsPerOp)}, ${r.failed} failed)`).join(", ");
}

/** This process's CPU per operation (the Postgres server's own CPU is not included). */
function cpu(us: number): string {
  return `${Math.round(us)} µs CPU/op`;
}

export function printText(r: Results): void {
  console.log(`database: ${r.database}`);
  console.log(`options: ${JSON.stringify(r.options)}`);
  console.log("");
  for (const line of details(r)) console.log(line);
  console.log("");
  console.log(table(rows(r)));
}

export function printJson(r: Results): void {
  console.log(JSON.stringify({ ...r, summary: summary(r) }, null, 2));
}
