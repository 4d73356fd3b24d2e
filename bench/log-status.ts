/**
 * `npx tsx bench/log-status.ts`: the log's status filters and the endpoint list's health on a
 * generated log, through the embedded core's API handler (in-process, no socket). Prints p50/p95
 * per path and the plan of the "failed, any endpoint" query.
 *
 * The log: one application, 5 endpoints, --messages=200000 over 30 days, each message sent to 2
 * endpoints on average; 0.5 % of destinations failed for good, 0.2 % being retried, 0.1 % waiting
 * for a first attempt, a 6-hour outage of one endpoint (all its destinations then failed), 1 % of
 * messages reaching no endpoint; one attempt per finished destination (three per failed one).
 * Rows are written in bulk in the shape the dispatcher leaves them (destination status, failing
 * row, queued task), then ANALYZEd.
 *
 * DATABASE_URL set: a fresh database on that server, dropped afterwards; unset: PGlite in memory.
 * Options: --messages=N, --runs=N (timed calls per path, after 3 untimed).
 */
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { statusListSql } from "@/lib/core/api/message-status";
import { rows } from "@/lib/db/client";
import { newId } from "@/lib/core/ids";
import { testDatabase } from "@/test/support/database";
import { ORG_TOKEN, benchCore } from "./setup";

const DAY = 86_400_000;

function options(argv: string[]) {
  const known = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--(messages|runs)=(\d+)$/.exec(arg);
    if (!m) throw new Error(`unknown argument ${arg}; known: --messages= --runs=`);
    known.set(m[1]!, m[2]!);
  }
  return { messages: Number(known.get("messages") ?? 200_000), runs: Number(known.get("runs") ?? 30) };
}

/** A small deterministic generator, so two runs build the same log. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const database = await testDatabase();
  const core = benchCore(database, false, 8);
  const db = database.db;
  try {
    const now = Date.now();
    const appId = newId("app_");
    await db.execute(sql`INSERT INTO applications (id, name) VALUES (${appId}, 'bench-log')`);
    const eps = Array.from({ length: 5 }, () => newId("ep_"));
    for (const [i, id] of eps.entries()) {
      await db.execute(sql`INSERT INTO endpoints (id, app_id, url, secret) VALUES (${id}, ${appId}, ${`https://receiver.example/${i}`}, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')`);
    }
    const types = ["invoice.paid", "invoice.created", "user.created", "user.deleted", "order.shipped", "rare.event"];
    const random = rng(7);
    const outageStart = now - 10 * DAY;
    const outageEnd = outageStart + 6 * 3_600_000;
    const counts = { messages: 0, destinations: 0, failing: 0, tasks: 0, attempts: 0 };
    const CHUNK = 5_000;
    for (let start = 0; start < opts.messages; start += CHUNK) {
      const msgs: unknown[] = [];
      const dests: unknown[] = [];
      const failing: unknown[] = [];
      const tasks: unknown[] = [];
      const attempts: unknown[] = [];
      for (let i = start; i < Math.min(opts.messages, start + CHUNK); i++) {
        const at = new Date(now - 30 * DAY + Math.floor(((i + random()) / opts.messages) * 30 * DAY));
        const id = newId("msg_", at);
        const r = random();
        const type = r < 0.001 ? "rare.event" : types[Math.floor(random() * 5)]!;
        const channels = random() < 0.3 ? ["eu"] : random() < 0.5 ? ["us"] : null;
        msgs.push({ id, app_id: appId, event_type: type, payload: '{"n":1}', channels, expires_at: new Date(at.getTime() + 90 * DAY).toISOString(), created_at: at.toISOString() });
        if (random() < 0.01) continue; // reaches no endpoint
        const n = random() < 0.5 ? 1 : random() < 0.67 ? 2 : 3;
        const first = Math.floor(random() * 5);
        for (let k = 0; k < n; k++) {
          const ep = eps[(first + k) % 5]!;
          const inOutage = ep === eps[0] && at.getTime() >= outageStart && at.getTime() < outageEnd;
          const x = random();
          const state = inOutage || x < 0.005 ? "fail" : x < 0.007 ? "retrying" : at.getTime() > now - 60_000 || x < 0.008 ? "sending" : "success";
          const status = state === "success" ? 0 : state === "fail" ? 2 : 3;
          dests.push({ msg_id: id, endpoint_id: ep, app_id: appId, status, next_attempt_at: status === 3 ? new Date(now + 60_000).toISOString() : null, created_at: at.toISOString(), updated_at: at.toISOString() });
          if (state === "fail" || state === "retrying") failing.push({ msg_id: id, endpoint_id: ep, app_id: appId, created_at: at.toISOString() });
          if (state === "sending" || state === "retrying") tasks.push({ msg_id: id, endpoint_id: ep, app_id: appId, attempts: state === "retrying" ? 1 : 0, run_at: new Date(now + 60_000).toISOString() });
          const made = state === "fail" ? 3 : state === "sending" ? 0 : 1;
          for (let a = 0; a < made; a++) {
            const aAt = new Date(at.getTime() + a * 5_000);
            const ok = state === "success";
            attempts.push({ id: newId("atmpt_", aAt), msg_id: id, endpoint_id: ep, app_id: appId, url: "https://receiver.example/", response: ok ? "ok" : "down", code: ok ? 200 : 500, dur: 20, status: ok ? 0 : 2, at: aAt.toISOString() });
          }
        }
      }
      const j = (v: unknown[]) => JSON.stringify(v);
      await db.execute(sql`INSERT INTO messages (id, app_id, event_type, payload, channels, expires_at, created_at)
        SELECT id, app_id, event_type, payload, channels, expires_at, created_at FROM jsonb_to_recordset(${j(msgs)}::jsonb)
        AS x(id text, app_id text, event_type text, payload text, channels text[], expires_at timestamptz, created_at timestamptz)`);
      await db.execute(sql`INSERT INTO message_destinations (msg_id, endpoint_id, app_id, status, next_attempt_at, created_at, updated_at)
        SELECT * FROM jsonb_to_recordset(${j(dests)}::jsonb)
        AS x(msg_id text, endpoint_id text, app_id text, status smallint, next_attempt_at timestamptz, created_at timestamptz, updated_at timestamptz)`);
      if (failing.length) {
        await db.execute(sql`INSERT INTO failing_destinations (msg_id, endpoint_id, app_id, created_at)
          SELECT * FROM jsonb_to_recordset(${j(failing)}::jsonb) AS x(msg_id text, endpoint_id text, app_id text, created_at timestamptz)`);
      }
      if (tasks.length) {
        await db.execute(sql`INSERT INTO delivery_tasks (msg_id, endpoint_id, app_id, attempts, run_at)
          SELECT * FROM jsonb_to_recordset(${j(tasks)}::jsonb) AS x(msg_id text, endpoint_id text, app_id text, attempts smallint, run_at timestamptz)`);
      }
      await db.execute(sql`INSERT INTO message_attempts (id, msg_id, endpoint_id, app_id, url, response, response_status_code, response_duration_ms, status, trigger_type, created_at)
        SELECT id, msg_id, endpoint_id, app_id, url, response, code, dur, status, 0, at FROM jsonb_to_recordset(${j(attempts)}::jsonb)
        AS x(id text, msg_id text, endpoint_id text, app_id text, url text, response text, code int, dur int, status smallint, at timestamptz)`);
      counts.messages += msgs.length;
      counts.destinations += dests.length;
      counts.failing += failing.length;
      counts.tasks += tasks.length;
      counts.attempts += attempts.length;
    }
    await db.execute(sql`UPDATE endpoints SET failing_since = now() - interval '1 hour' WHERE id = ${eps[1]!}`);
    await db.execute(sql`ANALYZE`);
    console.log(
      `log-status bench on ${database.kind}: ${counts.messages} messages, ${counts.destinations} destinations, ` +
        `${counts.failing} failing, ${counts.tasks} queued, ${counts.attempts} attempts`,
    );

    const get = async (path: string) => {
      const res = await core.handle(new Request(`http://127.0.0.1/api/v1/app/${appId}${path}`, { headers: { authorization: `Bearer ${ORG_TOKEN}` } }));
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { data: { id: string }[]; iterator: string | null };
    };
    // A cursor 20 pages deep into the failed messages, and a week-long window ten days back.
    let deep: string | null = null;
    for (let i = 0; i < 20; i++) deep = (await get(`/msg?limit=50&delivery_status=fail${deep ? `&iterator=${deep}` : ""}`)).iterator;
    const week = `after=${new Date(now - 17 * DAY).toISOString()}&before=${new Date(now - 10 * DAY).toISOString()}`;
    const paths: [string, string][] = [
      ["plain list (svix), first page", "/msg?limit=50&with_content=false"],
      ["with status, first page", "/msg?limit=50&with_content=false&with_delivery_status=true"],
      ["fail, first page", "/msg?limit=50&with_content=false&delivery_status=fail"],
      ["fail, page 21", `/msg?limit=50&with_content=false&delivery_status=fail&iterator=${deep}`],
      ["fail,retrying", "/msg?limit=50&with_content=false&delivery_status=fail,retrying"],
      ["fail + event type", "/msg?limit=50&with_content=false&delivery_status=fail&event_types=invoice.paid"],
      ["fail + rare event type", "/msg?limit=50&with_content=false&delivery_status=fail&event_types=rare.event"],
      ["fail + channel", "/msg?limit=50&with_content=false&delivery_status=fail&channel=eu"],
      ["fail + 7-day window", `/msg?limit=50&with_content=false&delivery_status=fail&${week}`],
      ["retrying", "/msg?limit=50&with_content=false&delivery_status=retrying"],
      ["sending", "/msg?limit=50&with_content=false&delivery_status=sending"],
      ["success", "/msg?limit=50&with_content=false&delivery_status=success"],
      ["none (no endpoint)", "/msg?limit=50&with_content=false&delivery_status=none"],
      ["endpoint list with health (5)", "/endpoint?with_health=true"],
    ];
    for (const [name, path] of paths) {
      for (let i = 0; i < 3; i++) await get(path);
      const times: number[] = [];
      let n = 0;
      for (let i = 0; i < opts.runs; i++) {
        const t0 = performance.now();
        n = (await get(path)).data.length;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
      console.log(`${name.padEnd(32)} p50 ${q(0.5).padStart(7)} ms  p95 ${q(0.95).padStart(7)} ms  (${n} rows)`);
    }
    if (database.kind === "postgres") {
      const { statement } = statusListSql(appId, { limit: 50, delivery_status: ["fail"] });
      const text = new PgDialect().sqlToQuery(statement);
      const plan = await rows<{ "QUERY PLAN": string }>(db, sql`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql.raw(inline(text.sql, text.params))}`);
      console.log("plan of fail, first page:\n  " + plan.map((r) => r["QUERY PLAN"]).join("\n  "));
    }
  } finally {
    await core.close();
    await database.close();
  }
}

/** The statement with its parameters written in, for EXPLAIN (the values here are ids and numbers). */
function inline(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1];
    return typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
