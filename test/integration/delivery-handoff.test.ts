import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { rows, type Database } from "@/lib/db/client";
import { testDatabase } from "../support/database";
import { startCore } from "../support/core-server";
import { startReceiver } from "../support/receiver";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

async function leased(): Promise<number> {
  const [row] = await rows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM delivery_tasks WHERE lease_expires_at > now()`);
  return row!.n;
}

test("a stopping dispatcher hands back the tasks it claimed but had not started", async () => {
  const rx = await startReceiver(() => ({ status: 200, delayMs: 300 }));
  // Two slots, one endpoint: one attempt in flight and the next one claimed, waiting for its slot.
  // A one-minute lease means a task not handed back would sit out the rest of this test.
  const first = await startCore({ database, concurrency: 2, leaseMs: 60_000 });
  const app = await first.svix.application.create({ name: "Handoff" });
  await first.svix.endpoint.create(app.id, { url: rx.url });
  for (let n = 0; n < 8; n++) await first.svix.message.create(app.id, { eventType: "user.created", payload: { n } });
  await rx.waitFor(1);
  expect(await leased()).toBeGreaterThanOrEqual(2);

  await first.close();
  // The attempt in flight finished and was recorded; the waiting one went back to the queue.
  expect(await leased()).toBe(0);
  const delivered = rx.received.length;

  const second = await startCore({ database, concurrency: 8 });
  try {
    await rx.waitFor(8, 5_000);
    const ids = rx.received.map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(8);
    expect(ids).toHaveLength(8);
    expect(delivered).toBeGreaterThanOrEqual(1);
    expect(second.violations).toEqual([]);
  } finally {
    await second.close();
    await rx.close();
  }
});
