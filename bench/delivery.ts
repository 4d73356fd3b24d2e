/**
 * `npm run bench:delivery`: the delivery phase of bench:core on its own, in several rounds, each
 * beside the bare POST loop measured right before it, with the CPU time per delivery of this
 * process and (when the Postgres server runs on this machine) of the database server, read from
 * /proc. What to look at when delivery throughput changes.
 *
 * DATABASE_URL set: a fresh database on that server, dropped afterwards; unset: PGlite in memory.
 * Options: --n=5000 (deliveries per round), --rounds=3, --concurrency=64,
 * --profile=FILE (a V8 CPU profile of the last round's delivery, for Chrome DevTools).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { sql } from "drizzle-orm";
import { rows } from "@/lib/db/client";
import { testDatabase } from "@/test/support/database";
import { barePosts } from "./baselines";
import { deliverQueued } from "./deliver";
import { ingestMessages } from "./ingest";
import { startBenchReceiver } from "./receiver";
import { serveHandler } from "./serve";
import { benchCore, createApp, createEndpoint } from "./setup";

const DEADLINE_MS = 60_000;
const INGEST_CONCURRENCY = 32;

function options(argv: string[]) {
  const known = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--(n|rounds|concurrency|profile)=(.+)$/.exec(arg);
    if (!m) throw new Error(`unknown argument ${arg}; known: --n= --rounds= --concurrency= --profile=`);
    known.set(m[1]!, m[2]!);
  }
  const int = (name: string, fallback: number) => {
    const raw = known.get(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
    return n;
  };
  return { n: int("n", 5000), rounds: int("rounds", 3), concurrency: int("concurrency", 64), profile: known.get("profile") };
}

/** User + system CPU of every local process named postgres, in µs (clock ticks of 10 ms). */
function postgresCpuUs(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("postgres")) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return ticks * 10_000;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const database = await testDatabase();
  const local = database.kind === "postgres" && ["127.0.0.1", "localhost", "[::1]"].includes(new URL(database.url!).hostname);
  const rx = await startBenchReceiver();
  const core = benchCore(database, false, opts.concurrency);
  const api = await serveHandler(core.handle);
  try {
    const appId = await createApp(core, "bench");
    await createEndpoint(core, appId, rx.url);
    const idleApp = await createApp(core, "bench-warmup");
    console.log(`bench:delivery on ${database.kind}; ${opts.rounds} rounds of ${opts.n}, concurrency ${opts.concurrency}; round 1 includes warm-up`);
    for (let round = 1; round <= opts.rounds; round++) {
      const queued = await ingestMessages(api.url, appId, idleApp, opts.n, INGEST_CONCURRENCY, DEADLINE_MS);
      const posts = await barePosts(rx.url, opts.n, opts.concurrency, DEADLINE_MS);
      const session = opts.profile && round === opts.rounds ? new Session() : undefined;
      if (session) {
        session.connect();
        await session.post("Profiler.enable");
        await session.post("Profiler.start");
      }
      const pgBefore = local ? postgresCpuUs() : 0;
      const d = await deliverQueued(database, rx, queued.done, opts.concurrency, DEADLINE_MS);
      const pgUs = local ? (postgresCpuUs() - pgBefore) / Math.max(1, d.delivered) : undefined;
      if (session) {
        const { profile } = await session.post("Profiler.stop");
        writeFileSync(opts.profile!, JSON.stringify(profile));
        session.disconnect();
      }
      const server = pgUs === undefined ? "" : `, postgres ${pgUs.toFixed(0)} µs`;
      console.log(
        `round ${round}: bare POSTs ${posts.perSecond.toFixed(0)}/s (${posts.cpuUsPerOp.toFixed(0)} µs CPU/op); ` +
          `delivery ${d.perSecond.toFixed(0)}/s = ${(d.perSecond / posts.perSecond).toFixed(2)}×; CPU per delivery: this process ${d.cpuUsPerOp.toFixed(0)} µs${server}` +
          (d.timedOut ? " (TIMED OUT)" : ""),
      );
    }
    if (database.kind === "postgres") {
      // Claims and outcomes should be heap-only updates (no index entries written): see migration 0003.
      const stats = await rows<{ relname: string; upd: number; hot: number }>(
        database.db,
        sql`SELECT relname, n_tup_upd::int AS upd, n_tup_hot_upd::int AS hot FROM pg_stat_user_tables
            WHERE relname IN ('delivery_tasks', 'message_destinations') ORDER BY relname`,
      );
      console.log(`heap-only updates (statistics may lag): ${stats.map((s) => `${s.relname} ${s.hot} of ${s.upd}`).join(", ")}`);
    }
  } finally {
    await api.close();
    await core.close();
    await rx.close();
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
