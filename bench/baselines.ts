import { sql } from "drizzle-orm";
import { Agent, request } from "undici";
import { newId } from "@/lib/core/ids";
import type { Db } from "@/lib/db/client";
import { REQUEST_TIMEOUT_MS, closedLoop, type LoadResult } from "./load";
import { EVENT_TYPE, samplePayload } from "./payload";

/** Untimed operations first, so JIT compilation and connection set-up are not measured. */
const WARMUP = 1000;

/**
 * Baseline A: what this machine's HTTP stack can do at all. Same client library, body size and
 * concurrency as the dispatcher, but no database, signing or bookkeeping.
 */
export async function barePosts(url: string, n: number, concurrency: number, deadlineMs: number): Promise<LoadResult> {
  const agent = new Agent({ connections: concurrency, pipelining: 1 });
  const post = async (i: number): Promise<boolean> => {
    const res = await request(url, {
      dispatcher: agent,
      headersTimeout: REQUEST_TIMEOUT_MS,
      bodyTimeout: REQUEST_TIMEOUT_MS,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(samplePayload(i)),
    });
    await res.body.text();
    return res.statusCode === 200;
  };
  try {
    await closedLoop(Math.min(WARMUP, n), concurrency, post, deadlineMs);
    return await closedLoop(n, concurrency, post, deadlineMs);
  } finally {
    await agent.close();
  }
}

/**
 * Baseline B: what the database and driver can do at all. One single-row INSERT of a message-sized
 * row per task, through the same pool the core uses, with the ingest phase's client concurrency.
 */
export async function bareInserts(db: Db, appId: string, n: number, concurrency: number, deadlineMs: number): Promise<LoadResult> {
  await db.execute(sql`CREATE TABLE IF NOT EXISTS bench_messages (
    id text PRIMARY KEY,
    app_id text NOT NULL,
    event_type text NOT NULL,
    payload text,
    created_at timestamptz(3) NOT NULL
  )`);
  const insert = async (i: number): Promise<boolean> => {
    const now = new Date();
    await db.execute(sql`INSERT INTO bench_messages (id, app_id, event_type, payload, created_at)
      VALUES (${newId("msg_", now)}, ${appId}, ${EVENT_TYPE}, ${JSON.stringify(samplePayload(i))}, ${now.toISOString()})`);
    return true;
  };
  await closedLoop(Math.min(WARMUP, n), concurrency, insert, deadlineMs);
  return closedLoop(n, concurrency, insert, deadlineMs);
}
