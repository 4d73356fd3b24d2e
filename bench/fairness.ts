/**
 * `npm run bench:fairness`: a healthy tenant's create → delivered latency with the dispatcher to
 * itself (quiet), then while a noisy tenant saturates it (noisy), in the same run: six endpoints on
 * a receiver that answers after `--slow-ms`, a backlog of new messages to them, and replay-missing
 * on each (about 10,000 bulk deliveries in all). The ratio of the two p99s is the figure to watch.
 *
 * DATABASE_URL set: a fresh database on that server, dropped afterwards; unset: PGlite in memory.
 * Options: --rate=50 (healthy messages per second), --seconds=10 (per phase), --slow-ms=10000,
 * --replayed=10000, --backlog=300 (new messages to the slow endpoints), --concurrency=64.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { rows } from "@/lib/db/client";
import { testDatabase } from "@/test/support/database";
import { ingestMessages } from "./ingest";
import { measureLatency, type LatencyResult } from "./latency";
import { sleep } from "./load";
import { startBenchReceiver } from "./receiver";
import { serveHandler } from "./serve";
import { benchCore, createApp, createEndpoint, ORG_TOKEN } from "./setup";
import { millis, ratio } from "./stats";

const SLOW_ENDPOINTS = 6;
const DEADLINE_MS = 120_000;
const TARGET_P99_RATIO = 2;

function options(argv: string[]) {
  const known = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--(rate|seconds|slow-ms|replayed|backlog|concurrency)=(\d+)$/.exec(arg);
    if (!m) throw new Error(`unknown argument ${arg}; known: --rate= --seconds= --slow-ms= --replayed= --backlog= --concurrency=`);
    known.set(m[1]!, m[2]!);
  }
  const int = (name: string, fallback: number) => Number(known.get(name) ?? fallback);
  return {
    rate: int("rate", 50),
    seconds: int("seconds", 10),
    slowMs: int("slow-ms", 10_000),
    replayed: int("replayed", 10_000),
    backlog: int("backlog", 300),
    concurrency: int("concurrency", 64),
  };
}

/** A receiver that holds every request for `delayMs` before answering 200, counting those it holds. */
async function startSlowReceiver(delayMs: number) {
  let holding = 0;
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      holding++;
      received++;
      setTimeout(() => {
        holding--;
        res.writeHead(200, { "content-type": "text/plain", "content-length": "2" });
        res.end("ok");
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    holding: () => holding,
    received: () => received,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function post(baseUrl: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/api/v1${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${ORG_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

function line(label: string, r: LatencyResult): string {
  const lost = r.missing + r.failed > 0 ? `, ${r.missing} missing, ${r.failed} failed` : "";
  return `${label}: p50 ${millis(r.endToEnd.p50)}, p99 ${millis(r.endToEnd.p99)}, max ${millis(r.endToEnd.max)} (${r.endToEnd.count} delivered${lost})`;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const database = await testDatabase();
  const fast = await startBenchReceiver();
  const slow = await startSlowReceiver(opts.slowMs);
  // Attempts must outlast the slow receiver (and their lease the attempts): it answers, slowly.
  const core = benchCore(database, true, opts.concurrency, {
    timeoutMs: opts.slowMs + 5_000,
    leaseMs: 2 * (opts.slowMs + 5_000),
    limits: { maxEndpoints: 50, maxBulkTasks: opts.replayed + 1_000 },
  });
  const api = await serveHandler(core.handle);
  try {
    const healthy = await createApp(core, "healthy");
    await createEndpoint(core, healthy, fast.url);
    const noisy = await createApp(core, "noisy");
    const idle = await createApp(core, "idle");
    console.log(
      `bench:fairness on ${database.kind}; concurrency ${opts.concurrency}; healthy tenant ${opts.rate} msg/s for ${opts.seconds} s per phase; ` +
        `noisy tenant: ${SLOW_ENDPOINTS} endpoints answering after ${opts.slowMs} ms, ${opts.replayed} replayed + ${opts.backlog} new messages each`,
    );

    // Warm-up, untimed: the first deliveries pay for JIT compilation and prepared statements.
    await measureLatency(api.url, healthy, fast, opts.rate, 2);
    const quiet = await measureLatency(api.url, healthy, fast, opts.rate, opts.seconds);

    // The noisy tenant's history: messages sent before its slow endpoints existed, so a replay finds
    // every one of them missing on each endpoint.
    const perEndpoint = Math.ceil(opts.replayed / SLOW_ENDPOINTS);
    const since = new Date(Date.now() - 1_000).toISOString();
    await ingestMessages(api.url, noisy, idle, perEndpoint, 32, DEADLINE_MS);
    const slowEndpoints: string[] = [];
    for (let i = 0; i < SLOW_ENDPOINTS; i++) slowEndpoints.push(await createEndpoint(core, noisy, `${slow.url}/ep${i}`));
    for (const ep of slowEndpoints) {
      const res = await post(api.url, `/app/${noisy}/endpoint/${ep}/replay-missing`, { since });
      if (res.status !== 202) throw new Error(`replay-missing answered ${res.status}: ${await res.text()}`);
    }
    // New messages too, to all six: regular deliveries, not bulk, so the application's share is what holds them back.
    await ingestMessages(api.url, noisy, idle, opts.backlog, 32, DEADLINE_MS);
    // Let the slow receiver fill up before measuring.
    for (let i = 0; i < 50 && slow.holding() < opts.concurrency / 2; i++) await sleep(100);
    const holdingBefore = slow.holding();

    const loud = await measureLatency(api.url, healthy, fast, opts.rate, opts.seconds);
    const [left] = await rows<{ bulk: number; regular: number }>(
      database.db,
      sql`SELECT count(*) FILTER (WHERE bulk)::int AS bulk, count(*) FILTER (WHERE NOT bulk)::int AS regular FROM delivery_tasks WHERE app_id = ${noisy}`,
    );

    console.log(line("quiet", quiet));
    console.log(line("noisy", loud));
    const p99 = loud.endToEnd.p99 / quiet.endToEnd.p99;
    console.log(
      `noisy / quiet: p50 ${ratio(loud.endToEnd.p50 / quiet.endToEnd.p50)}, p99 ${ratio(p99)} (target ≤ ${TARGET_P99_RATIO}×: ${p99 <= TARGET_P99_RATIO ? "ok" : "MISSED"})`,
    );
    console.log(
      `noisy tenant during the phase: ${holdingBefore}–${slow.holding()} requests held by its receiver, ` +
        `${left!.bulk} replayed and ${left!.regular} new deliveries still queued at the end`,
    );

    // Cancelling the replays leaves only what the dispatcher holds; then the slow receiver goes.
    let cancelled = 0;
    for (const ep of slowEndpoints) {
      const res = await post(api.url, `/app/${noisy}/endpoint/${ep}/bulk/cancel`, {});
      if (res.ok) cancelled += ((await res.json()) as { cancelled: number }).cancelled;
    }
    console.log(`cancelled ${cancelled} replayed deliveries`);
  } finally {
    await slow.close();
    await api.close();
    await core.close();
    await fast.close();
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
