/**
 * `npm run bench:core`: delivery, ingest and latency figures of the embedded core on loopback,
 * each throughput quoted against a bare baseline measured in the same run (the machine is shared,
 * so absolute numbers drift; ratios much less).
 *
 * DATABASE_URL set: a fresh database on that server, dropped afterwards; unset: PGlite in memory.
 * Options (argv wins over env): --n / BENCH_N (5000), --seconds / BENCH_SECONDS (10),
 * --rate / BENCH_RATE (200), --concurrency / BENCH_CONCURRENCY (64), --ingest-concurrency /
 * BENCH_INGEST_CONCURRENCY (32), --pool / BENCH_POOL, --json (`npm run -s bench:core -- --json`).
 * Progress goes to stderr, results to stdout.
 */
import os from "node:os";
import { testDatabase } from "@/test/support/database";
import { bareInserts, barePosts } from "./baselines";
import { deliverQueued } from "./deliver";
import { ingestMessages } from "./ingest";
import { baseline } from "./load";
import { measureLatency } from "./latency";
import { parseOptions } from "./options";
import { startBenchReceiver } from "./receiver";
import { printJson, printText, type Results } from "./report";
import { serveHandler } from "./serve";
import { benchCore, createApp, createEndpoint } from "./setup";

/** Deliveries made untimed before the delivery phase, as the POST baseline makes untimed requests. */
const WARMUP_DELIVERIES = 1000;

/** No single throughput phase may run longer than this, whatever N is. */
const PHASE_DEADLINE_MS = 45_000;

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2), process.env);
  const database = await testDatabase({ poolSize: opts.poolSize });
  const label =
    database.kind === "postgres"
      ? `postgres (fresh database ${new URL(database.url ?? "").pathname.slice(1)} on ${new URL(database.url ?? "").host}, pool ${opts.poolSize ?? "default"})`
      : "pglite (in memory)";
  log(`bench:core on ${label}; node ${process.version}, ${os.cpus().length} cpus; N=${opts.n}`);
  // Everything opened is closed again, newest first, even when a phase throws: a listening server
  // left behind would keep the process alive.
  const closers: (() => Promise<void>)[] = [() => database.close()];
  try {
    const rx = await startBenchReceiver();
    closers.push(() => rx.close());
    // Ingest with the dispatcher off, so the queued messages are what the delivery phase drains.
    const ingestCore = benchCore(database, false, opts.concurrency);
    closers.push(() => ingestCore.close());
    const appId = await createApp(ingestCore, "bench");
    await createEndpoint(ingestCore, appId, rx.url);
    const warmupAppId = await createApp(ingestCore, "bench-warmup");
    const api = await serveHandler(ingestCore.handle);
    closers.push(() => api.close());

    // Like the baselines' untimed warm-up requests: the dispatcher's code is compiled before it is timed.
    log("warming up the dispatcher…");
    const warmDeliveryApp = await createApp(ingestCore, "bench-delivery-warmup");
    await createEndpoint(ingestCore, warmDeliveryApp, rx.url);
    const warm = await ingestMessages(api.url, warmDeliveryApp, warmupAppId, WARMUP_DELIVERIES, opts.ingestConcurrency, PHASE_DEADLINE_MS);
    await deliverQueued(database, rx, warm.done, opts.concurrency, PHASE_DEADLINE_MS);

    // Each baseline runs right before and right after the phase it is compared with (see `baseline`).
    const insertRun = () => bareInserts(database.db, appId, opts.n, opts.ingestConcurrency, PHASE_DEADLINE_MS);
    log("B: bare INSERTs…");
    const insertsBefore = await insertRun();
    log("ingest through the HTTP API…");
    const ingest = await ingestMessages(api.url, appId, warmupAppId, opts.n, opts.ingestConcurrency, PHASE_DEADLINE_MS);
    log("B again…");
    const inserts = baseline([insertsBefore, await insertRun()]);

    const postRun = () => barePosts(rx.url, opts.n, opts.concurrency, PHASE_DEADLINE_MS);
    log("A: bare POST loop…");
    const postsBefore = await postRun();
    log("delivery of the queued messages…");
    const delivery = await deliverQueued(database, rx, ingest.done, opts.concurrency, PHASE_DEADLINE_MS);
    log("A again…");
    const posts = baseline([postsBefore, await postRun()]);

    log(`latency: ${opts.rate} msg/s for ${opts.seconds} s with the dispatcher in-process…`);
    const liveCore = benchCore(database, true, opts.concurrency);
    closers.push(() => liveCore.close());
    const liveApi = await serveHandler(liveCore.handle);
    closers.push(() => liveApi.close());
    const latency = await measureLatency(liveApi.url, appId, rx, opts.rate, opts.seconds);

    const results: Results = {
      database: label,
      options: { ...opts, poolSize: database.kind === "postgres" ? (opts.poolSize ?? "default") : null, node: process.version, cpus: os.cpus().length },
      barePosts: posts,
      bareInserts: inserts,
      ingest,
      delivery,
      latency,
    };
    if (opts.json) printJson(results);
    else printText(results);
  } finally {
    for (const close of closers.reverse()) await close().catch((err: unknown) => log(`bench: cleanup failed: ${String(err)}`));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
