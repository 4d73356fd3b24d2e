/**
 * At-least-once under SIGKILL: a process delivering webhooks dies mid-flight and every message that
 * was accepted (202) still reaches its endpoint. On Postgres the dispatcher runs in worker processes
 * (`scripts/worker.ts`) beside the API; on PGlite the whole deployment is one process, so the whole
 * core is killed and started again on the same DATA_DIR.
 */
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, expect, test } from "vitest";
import { openDatabase, rows, type Db } from "@/lib/db/client";
import { ORG_TOKEN, startCore } from "../support/core-server";
import { testDatabase } from "../support/database";
import { eventually } from "../support/receiver";
import { reapAll, spawnTs, type Spawned } from "../support/spawn";

const LEASE = "2s";
const ENV = {
  ENDPOINT_ALLOWLIST: "127.0.0.1/32",
  DISPATCHER_LEASE: LEASE,
  RETRY_SCHEDULE: "500ms,1s,1s,1s,1s,1s",
  WORKER_CONCURRENCY: "32",
};

afterEach(reapAll);

type Stats = { success: number; pending: number; sending: number; fail: number };

/** Counts deliveries per webhook-id; each answer takes a few ms, so deliveries are in flight at any time. */
async function startCountingReceiver() {
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const id = String(req.headers["webhook-id"]);
      counts.set(id, (counts.get(id) ?? 0) + 1);
      // Slow enough that the kill always lands with deliveries in flight, even on a fast machine.
      setTimeout(() => res.end("ok"), 20);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Api = (path: string, init?: { method?: string; body?: unknown }) => Promise<unknown>;

function apiAt(baseUrl: string): Api {
  return async (p, init = {}) => {
    const res = await fetch(baseUrl + p, {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${ORG_TOKEN}`, "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? "GET"} ${p} → ${res.status} ${text}`);
    return JSON.parse(text) as unknown;
  };
}

/** Creates `n` messages, 64 requests at a time; returns their ids. */
async function createMessages(api: Api, appId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < n) {
        const i = next++;
        const msg = (await api(`/api/v1/app/${appId}/msg`, { method: "POST", body: { eventType: "crash.test", payload: { i } } })) as { id: string };
        ids.push(msg.id);
      }
    }),
  );
  return ids;
}

async function setUp(api: Api, receiverUrl: string): Promise<{ appId: string; endpointId: string }> {
  const app = (await api("/api/v1/app", { method: "POST", body: { name: "Crash" } })) as { id: string };
  const ep = (await api(`/api/v1/app/${app.id}/endpoint`, { method: "POST", body: { url: receiverUrl } })) as { id: string };
  return { appId: app.id, endpointId: ep.id };
}

async function killMidDelivery(proc: Spawned, counts: Map<string, number>, total: number): Promise<number> {
  await eventually(async () => counts.size, (n) => n >= total / 3, 30_000);
  proc.kill("SIGKILL");
  expect((await proc.exited).signal).toBe("SIGKILL");
  return counts.size;
}

async function leasedTasks(db: Db): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM delivery_tasks WHERE lease_id IS NOT NULL`);
  return row!.n;
}

async function taskCount(db: Db): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM delivery_tasks`);
  return row!.n;
}

/**
 * Every destination settled as delivered, including those whose delivery the killed process never
 * recorded. On failure the message carries what the delivering process logged.
 */
async function allDelivered(api: Api, ids: { appId: string; endpointId: string }, total: number, proc: Spawned): Promise<void> {
  try {
    await eventually(
      async () => (await api(`/api/v1/app/${ids.appId}/endpoint/${ids.endpointId}/stats`)) as Stats,
      (s) => s.success === total && s.sending === 0 && s.pending === 0 && s.fail === 0,
      30_000,
    );
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- ${proc.pid} output:\n${proc.output()}`);
  }
}

function report(counts: Map<string, number>, deliveredBeforeKill: number): void {
  const duplicates = [...counts.values()].filter((n) => n > 1).length;
  console.info(`crash test: ${deliveredBeforeKill} delivered before SIGKILL; ${duplicates} message(s) delivered more than once`);
}

if (process.env.DATABASE_URL) {
  test("Postgres: a worker killed with SIGKILL loses no message; another worker finishes its leased work", async () => {
    const TOTAL = 3000;
    const database = await testDatabase();
    const t = await startCore({ dispatch: false, database });
    const rx = await startCountingReceiver();
    try {
      const api = apiAt(t.url);
      const ids = await setUp(api, rx.url);
      // The backlog is built before any worker runs, so the first one is busy when it is killed.
      const created = await createMessages(api, ids.appId, TOTAL);

      const env = { ...process.env, ...ENV, DATABASE_URL: database.url };
      const first = spawnTs("scripts/worker.ts", env, /^Porthole worker started/);
      expect(await first.ready).toBe("Porthole worker started (database: postgres, concurrency 32)");
      const deliveredBeforeKill = await killMidDelivery(first, rx.counts, TOTAL);
      expect(deliveredBeforeKill).toBeLessThan(TOTAL);
      // The dead worker's claims are still leased: only their lease running out brings them back.
      expect(await leasedTasks(database.db)).toBeGreaterThan(0);

      const second = spawnTs("scripts/worker.ts", env, /^Porthole worker started/);
      await second.ready;
      await allDelivered(api, ids, TOTAL, second);
      expect(new Set(rx.counts.keys())).toEqual(new Set(created));
      expect(await taskCount(database.db)).toBe(0);
      report(rx.counts, deliveredBeforeKill);

      second.kill("SIGTERM");
      expect(await second.exited, second.output()).toEqual({ code: 0, signal: null });
      expect(t.violations).toEqual([]);
    } finally {
      await reapAll();
      await rx.close();
      await t.close();
      await database.close();
    }
  }, 120_000);
} else {
  test("PGlite: a core killed with SIGKILL restarts on its DATA_DIR and loses no accepted message", async () => {
    const TOTAL = 600;
    const dataDir = mkdtempSync(path.join(tmpdir(), "porthole-crash-"));
    const rx = await startCountingReceiver();
    const env: NodeJS.ProcessEnv = { ...process.env, ...ENV, DATA_DIR: dataDir, CORE_API_TOKEN: ORG_TOKEN };
    delete env.DATABASE_URL;
    const start = async (extra: Record<string, string> = {}) => {
      const proc = spawnTs("test/support/core-process.ts", { ...env, ...extra }, /^ready /);
      return { proc, api: apiAt((await proc.ready).slice("ready ".length)) };
    };
    try {
      // The backlog is built by the API alone (no inline dispatcher), so deliveries start only in the
      // process that is then killed, with all of its work still ahead.
      const builder = await start({ DISPATCHER_INLINE: "false" });
      const ids = await setUp(builder.api, rx.url);
      const created = await createMessages(builder.api, ids.appId, TOTAL);
      builder.proc.kill("SIGTERM");
      expect(await builder.proc.exited, builder.proc.output()).toEqual({ code: 0, signal: null });

      const first = await start();
      const deliveredBeforeKill = await killMidDelivery(first.proc, rx.counts, TOTAL);
      expect(deliveredBeforeKill).toBeLessThan(TOTAL);

      const second = await start();
      await allDelivered(second.api, ids, TOTAL, second.proc);
      expect(new Set(rx.counts.keys())).toEqual(new Set(created));
      report(rx.counts, deliveredBeforeKill);

      second.proc.kill("SIGTERM");
      expect(await second.proc.exited, second.proc.output()).toEqual({ code: 0, signal: null });
      // Cleanly closed, the data directory opens again with every message and no work left.
      const database = await openDatabase({ dataDir });
      try {
        expect(await taskCount(database.db)).toBe(0);
        const [msgs] = await rows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM messages WHERE app_id = ${ids.appId}`);
        expect(msgs!.n).toBe(TOTAL);
      } finally {
        await database.close();
      }
    } finally {
      await reapAll();
      await rx.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
}
