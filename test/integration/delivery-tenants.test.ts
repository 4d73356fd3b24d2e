import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDispatcher } from "@/lib/core";
import type { Dispatcher } from "@/lib/core/dispatcher/dispatcher";
import { openDatabase, rows, type Database } from "@/lib/db/client";
import { LOOPBACK, startCore, type TestCore } from "../support/core-server";
import { testDatabase } from "../support/database";
import { startReceiver } from "../support/receiver";

// Eight slots per dispatcher: one application may fill six, the last two are kept for applications
// with none in flight; bulk work (recover, replay-missing) may fill two.
const CONCURRENCY = 8;
const APP_SHARE = 6;
const BULK_SLOTS = 2;
// The slow receiver never answers while a test runs; the attempts must outlast it rather than time out.
const NEVER_MS = 600_000;
const held = { timeoutMs: NEVER_MS, leaseMs: 2 * NEVER_MS };
// The machine is shared and loaded: room for slow set-up, none of it a claim about speed.
const SLOW_TEST_MS = 120_000;

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

async function queued(database: Database, appId: string, bulk?: boolean): Promise<number> {
  const kind = bulk === undefined ? sql`` : sql`AND bulk = ${bulk}`;
  const [row] = await rows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM delivery_tasks WHERE app_id = ${appId} ${kind}`);
  return row!.n;
}

/**
 * A noisy tenant: three endpoints on a receiver that holds every request, with 20 messages each
 * queued. Returns once `saturated` of its requests are hanging, so every dispatcher is as full as
 * it will get.
 */
async function noisyTenant(t: TestCore, slow: Receiver, saturated: number): Promise<string> {
  const app = await t.svix.application.create({ name: "Noisy" });
  for (let i = 0; i < 3; i++) await t.svix.endpoint.create(app.id, { url: `${slow.url}/ep${i}` });
  for (let n = 0; n < 20; n++) await t.svix.message.create(app.id, { eventType: "user.created", payload: { n } });
  await slow.waitFor(saturated, 45_000);
  return app.id;
}

async function healthyDelivery(t: TestCore, fast: Receiver): Promise<void> {
  const app = await t.svix.application.create({ name: "Healthy" });
  await t.svix.endpoint.create(app.id, { url: fast.url });
  await t.svix.message.create(app.id, { eventType: "user.created", payload: { hello: "world" } });
  // Generous: the point is that it arrives at all while the noisy tenant's requests hang.
  await fast.waitFor(1, 45_000);
}

describe("one dispatcher", () => {
  let t: TestCore;
  let slow: Receiver;
  let fast: Receiver;
  beforeAll(async () => {
    [t, slow, fast] = await Promise.all([
      startCore({ concurrency: CONCURRENCY, ...held }),
      startReceiver(() => ({ status: 200, delayMs: NEVER_MS })),
      startReceiver(),
    ]);
  });
  afterAll(async () => {
    // Closing the slow receiver ends the hanging requests, so the dispatcher can stop at once.
    await Promise.all([slow.close(), fast.close()]);
    await t.close();
  });

  test("another application's new message is delivered while a tenant's slow endpoints hold their share", async () => {
    const noisy = await noisyTenant(t, slow, APP_SHARE);
    await healthyDelivery(t, fast);
    // Delivered while the noisy tenant had every one of its requests still hanging and most of its work queued.
    expect(slow.received.length).toBe(APP_SHARE);
    expect(await queued(t.database, noisy)).toBe(60);
    expect(t.violations).toEqual([]);
  }, SLOW_TEST_MS);
});

describe("bulk work", () => {
  let t: TestCore;
  let slow: Receiver;
  let fast: Receiver;
  beforeAll(async () => {
    [t, slow, fast] = await Promise.all([
      startCore({ concurrency: CONCURRENCY, ...held }),
      startReceiver(() => ({ status: 200, delayMs: NEVER_MS })),
      startReceiver(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([slow.close(), fast.close()]);
    await t.close();
  });

  test("replay-missing fills only the bulk share of the slots and can be cancelled", async () => {
    const app = await t.svix.application.create({ name: "Replaying" });
    await t.svix.endpoint.create(app.id, { url: fast.url });
    const since = new Date(Date.now() - 60_000);
    for (let n = 0; n < 30; n++) await t.svix.message.create(app.id, { eventType: "user.created", payload: { n } });
    await fast.waitFor(30, 45_000);
    // A new endpoint of the same application misses those 30; a replay queues them as bulk work.
    const replayed = await t.svix.endpoint.create(app.id, { url: slow.url });
    await t.svix.endpoint.replayMissing(app.id, replayed.id, { since });
    await slow.waitFor(BULK_SLOTS, 45_000);

    // The application's own new messages still go out, beside the hanging bulk attempts.
    await t.svix.endpoint.update(app.id, replayed.id, { url: slow.url, filterTypes: ["invoice.paid"] });
    await t.svix.message.create(app.id, { eventType: "user.created", payload: { n: "new" } });
    await fast.waitFor(31, 45_000);
    expect(slow.received.length).toBe(BULK_SLOTS);
    expect(await queued(t.database, app.id, true)).toBe(30);

    const res = await t.request(`/api/v1/app/${app.id}/endpoint/${replayed.id}/bulk/cancel`, { method: "POST" });
    expect(res.status).toBe(200);
    const out = (await res.json()) as { cancelled: number; stillQueued: number };
    // What a worker holds (in flight, or claimed and waiting for a bulk slot) is left to it.
    expect(out.cancelled + out.stillQueued).toBe(30);
    expect(out.stillQueued).toBeGreaterThanOrEqual(BULK_SLOTS);
    expect(out.stillQueued).toBeLessThanOrEqual(2 * BULK_SLOTS);
    expect(await queued(t.database, app.id, true)).toBe(out.stillQueued);

    // The cancelled ones have no destination again, so a later replay finds them missing.
    const [row] = await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM message_destinations WHERE endpoint_id = ${replayed.id}`);
    expect(row!.n).toBe(out.stillQueued);
    expect(t.violations).toEqual([]);
  }, SLOW_TEST_MS);
});

// On Postgres the second one has connections of its own, as `npm run worker` would; PGlite is one
// process, so there it shares the first one's database.
describe("two dispatchers", () => {
  let t: TestCore;
  let second: { database: Database | null; dispatcher: Dispatcher };
  let slow: Receiver;
  let fast: Receiver;
  beforeAll(async () => {
    const database = await testDatabase();
    [t, slow, fast] = await Promise.all([
      startCore({ database, concurrency: CONCURRENCY, ...held }),
      startReceiver(() => ({ status: 200, delayMs: NEVER_MS })),
      startReceiver(),
    ]);
    const own = database.url ? await openDatabase({ databaseUrl: database.url, dataDir: null }) : null;
    const dispatcher = createDispatcher({
      database: own ?? database,
      allowlist: LOOPBACK,
      retryScheduleMs: [100, 200, 400],
      headerStyle: "webhook",
      concurrency: CONCURRENCY,
      pollMs: 50,
      ...held,
    });
    dispatcher.start();
    second = { database: own, dispatcher };
  });
  afterAll(async () => {
    await Promise.all([slow.close(), fast.close()]);
    await second.dispatcher.stop();
    await second.database?.close();
    await t.close();
    await t.database.close();
  });

  test("another application's new message is delivered while a tenant fills both workers' shares", async () => {
    // Both workers hold their share of the noisy tenant's requests before the healthy message is sent.
    const noisy = await noisyTenant(t, slow, 2 * APP_SHARE);
    await healthyDelivery(t, fast);
    expect(slow.received.length).toBe(2 * APP_SHARE);
    expect(await queued(t.database, noisy)).toBe(60);
    expect(t.violations).toEqual([]);
  }, SLOW_TEST_MS);
});
