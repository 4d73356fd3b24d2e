import { eq } from "drizzle-orm";
import { ApiException, type Svix } from "svix";
import { afterAll, beforeAll, expect, test } from "vitest";
import { endpoints } from "@/lib/db/schema";
import { startCore, type TestCore } from "../support/core-server";
import { eventually, startReceiver, verify, type Received, type Reply } from "../support/receiver";

let t: TestCore;
const receivers: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  t = await startCore();
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await t.close();
});

async function receiver(reply?: (r: Received, n: number) => Reply) {
  const rx = await startReceiver(reply);
  receivers.push(rx);
  return rx;
}

const nOf = (r: Received) => (JSON.parse(r.body) as { n: number }).n;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function statusOf(svix: Svix, appId: string, epId: string, msgId: string) {
  const page = await svix.messageAttempt.listAttemptedMessages(appId, epId, { limit: 50 });
  return page.data.find((m) => m.id === msgId)?.status;
}

async function apiError(p: Promise<unknown>): Promise<{ code: number; body: unknown }> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof ApiException)) throw new Error(`expected an API error, got ${String(err)}`);
  return { code: err.code, body: err.body };
}

test("recover resends the messages that failed for good, and only those, as manual attempts", async () => {
  let broken = true;
  const rx = await receiver(() => (broken ? { status: 500 } : { status: 200 }));
  const app = await t.svix.application.create({ name: "Recover" });
  const ep = await t.svix.endpoint.create(app.id, { url: rx.url });
  const failed = [];
  for (const n of [1, 2]) failed.push(await t.svix.message.create(app.id, { eventType: "user.created", payload: { n } }));
  for (const m of failed) await eventually(() => statusOf(t.svix, app.id, ep.id, m.id), (s) => s === 2);

  broken = false;
  const ok = await t.svix.message.create(app.id, { eventType: "user.created", payload: { n: 3 } });
  await eventually(() => statusOf(t.svix, app.id, ep.id, ok.id), (s) => s === 0);
  expect(rx.received.map(nOf).sort()).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3]);
  const before = rx.received.length;

  const task = await t.svix.endpoint.recover(app.id, ep.id, { since: minutesAgo(5) });
  expect(task.task).toBe("endpoint.recover");
  expect(task.id).toMatch(/^qtask_/);
  await rx.waitFor(before + 2);
  for (const m of failed) await eventually(() => statusOf(t.svix, app.id, ep.id, m.id), (s) => s === 0);
  await sleep(300);
  const resent = rx.received.slice(before);
  expect(resent.map(nOf).sort()).toEqual([1, 2]);
  const { key } = await t.svix.endpoint.getSecret(app.id, ep.id);
  for (const r of resent) expect(verify(key, r)).toHaveProperty("n");
  const attempts = await t.svix.messageAttempt.listByMsg(app.id, failed[0]!.id);
  expect(attempts.data.map((a) => [a.triggerType, a.status])).toEqual([[1, 0], [0, 2], [0, 2], [0, 2], [0, 2]]);
  expect((await t.svix.messageAttempt.listByMsg(app.id, ok.id)).data).toHaveLength(1);

  // A window longer than 14 days is refused.
  const tooLong = await apiError(t.svix.endpoint.recover(app.id, ep.id, { since: minutesAgo(15 * 24 * 60) }));
  expect(tooLong.code).toBe(422);
});

test("replay-missing sends what a new endpoint would have received in the window, once", async () => {
  const app = await t.svix.application.create({ name: "Replay" });
  const old = await t.svix.message.create(app.id, { eventType: "user.created", payload: { n: 0 } });
  await sleep(30);
  const since = new Date(old.timestamp.getTime() + 15);
  await sleep(30);
  await t.svix.message.create(app.id, { eventType: "user.created", payload: { n: 1 } });
  await t.svix.message.create(app.id, { eventType: "invoice.paid", payload: { n: 2 } });
  await t.svix.message.create(app.id, { eventType: "user.created", payload: { n: 3 }, channels: ["other"] });

  const rx = await receiver();
  const ep = await t.svix.endpoint.create(app.id, { url: rx.url, filterTypes: ["user.created"] });
  const live = await t.svix.message.create(app.id, { eventType: "user.created", payload: { n: 4 } });
  await rx.waitFor(1);

  const task = await t.svix.endpoint.replayMissing(app.id, ep.id, { since });
  expect(task).toMatchObject({ task: "endpoint.replay", status: "running" });
  expect(task.id).toMatch(/^qtask_/);
  await rx.waitFor(2);
  await sleep(400);
  // n=3 has channels but the endpoint has none, so it would have received it; n=0 is before the window.
  expect(rx.received[0]!.body).toBe('{"n":4}');
  expect(rx.received.slice(1).map(nOf).sort()).toEqual([1, 3]);
  const replayed = (await t.svix.messageAttempt.listByEndpoint(app.id, ep.id)).data.find((a) => a.msgId !== live.id);
  expect(replayed?.triggerType).toBe(1);

  // A second replay finds nothing missing.
  await t.svix.endpoint.replayMissing(app.id, ep.id, { since });
  await sleep(400);
  expect(rx.received).toHaveLength(3);
});

test("send-example delivers svix.ping, an event type's first example, or refuses with invalid_scheme", async () => {
  const rx = await receiver();
  const app = await t.svix.application.create({ name: "Examples" });
  const ep = await t.svix.endpoint.create(app.id, { url: rx.url, filterTypes: ["order.shipped"] });
  const { key } = await t.svix.endpoint.getSecret(app.id, ep.id);

  const ping = await t.svix.endpoint.sendExample(app.id, ep.id, { eventType: "svix.ping" });
  expect(ping.eventType).toBe("svix.ping");
  await rx.waitFor(1);
  expect(rx.received[0]!.body).toBe('{"success":true}');
  expect(rx.received[0]!.headers["webhook-id"]).toBe(ping.id);
  expect(verify(key, rx.received[0]!)).toEqual({ success: true });

  const example = { id: "ord_1", carrier: "DHL", items: [{ sku: "A1", qty: 2 }] };
  await t.svix.eventType.create({
    name: "order.shipped",
    description: "An order left the warehouse.",
    schemas: { "1": { type: "object", examples: [example, { id: "ord_2" }] } },
  });
  const sent = await t.svix.endpoint.sendExample(app.id, ep.id, { eventType: "order.shipped" });
  expect(sent.payload).toEqual(example);
  await rx.waitFor(2);
  expect(JSON.parse(rx.received[1]!.body)).toEqual(example);

  await t.svix.eventType.create({ name: "order.bare", description: "No schema." });
  for (const eventType of ["order.bare", "order.unknown"]) {
    const err = await apiError(t.svix.endpoint.sendExample(app.id, ep.id, { eventType }));
    expect(err.code).toBe(400);
    expect(err.body).toMatchObject({ code: "invalid_scheme" });
  }
  await sleep(200);
  expect(rx.received).toHaveLength(2);
});

test("stats count the endpoint's messages by delivery state; a future until is refused", async () => {
  const rx = await receiver((r) => {
    const n = nOf(r);
    return n === 2 ? { status: 500 } : n === 3 ? { status: 200, delayMs: 3_000 } : { status: 200 };
  });
  const app = await t.svix.application.create({ name: "Stats" });
  const ep = await t.svix.endpoint.create(app.id, { url: rx.url });
  for (const n of [1, 2, 3]) await t.svix.message.create(app.id, { eventType: "user.created", payload: { n } });

  // n=3 is held by the receiver for 3 s, so it is still being sent.
  const stats = await eventually(() => t.svix.endpoint.getStats(app.id, ep.id), (s) => s.success === 1 && s.fail === 1);
  expect(stats).toEqual({ success: 1, pending: 0, sending: 1, fail: 1, canceled: 0 });
  const earlier = await t.svix.endpoint.getStats(app.id, ep.id, { since: minutesAgo(60), until: minutesAgo(30) });
  expect(earlier).toMatchObject({ success: 0, sending: 0, fail: 0 });

  const err = await apiError(t.svix.endpoint.getStats(app.id, ep.id, { until: new Date(Date.now() + 3_600_000) }));
  expect(err.code).toBe(400);
  expect(err.body).toMatchObject({ code: "invalid_range" });
});

test("an endpoint exhausting its retries again 5+ days after the first time is disabled; a success resets the clock", async () => {
  const [dead, alsoDead, alive] = [await receiver(() => ({ status: 500 })), await receiver(() => ({ status: 500 })), await receiver()];
  const app = await t.svix.application.create({ name: "Auto-disable" });
  const deadEp = await t.svix.endpoint.create(app.id, { url: dead.url });
  const freshEp = await t.svix.endpoint.create(app.id, { url: alsoDead.url });
  const aliveEp = await t.svix.endpoint.create(app.id, { url: alive.url });
  const sixDaysAgo = new Date(Date.now() - 6 * 86_400_000);
  for (const id of [deadEp.id, aliveEp.id]) {
    await t.database.db.update(endpoints).set({ firstFailureAt: sixDaysAgo }).where(eq(endpoints.id, id));
  }
  const row = async (id: string) => (await t.database.db.select().from(endpoints).where(eq(endpoints.id, id)))[0]!;

  const msg = await t.svix.message.create(app.id, { eventType: "user.created", payload: { n: 1 } });
  await eventually(() => t.svix.endpoint.get(app.id, deadEp.id), (e) => e.disabled === true);
  // The reason is kept, and the failing spell dates from the first failed attempt.
  const deadRow = await row(deadEp.id);
  expect(deadRow.disabledReason).toBe("auto");
  expect(deadRow.failingSince!.getTime()).toBeGreaterThanOrEqual(msg.timestamp.getTime());
  // The first exhaustion only starts the clock.
  await eventually(() => row(freshEp.id), (r) => r.firstFailureAt !== null);
  expect((await t.svix.endpoint.get(app.id, freshEp.id)).disabled).toBe(false);
  // A success clears it.
  await eventually(() => row(aliveEp.id), (r) => r.firstFailureAt === null);
  expect((await t.svix.endpoint.get(app.id, aliveEp.id)).disabled).toBe(false);

  expect(dead.received).toHaveLength(4);
  expect(await statusOf(t.svix, app.id, deadEp.id, msg.id)).toBe(2);

  // A disabled endpoint gets no further messages; re-enabling restarts the clock.
  const next = await t.svix.message.create(app.id, { eventType: "user.created", payload: { n: 2 } });
  const routed = await t.svix.messageAttempt.listAttemptedDestinations(app.id, next.id);
  expect(routed.data.map((d) => d.id).sort()).toEqual([freshEp.id, aliveEp.id].sort());
  await t.svix.endpoint.patch(app.id, deadEp.id, { disabled: false });
  expect((await row(deadEp.id)).firstFailureAt).toBeNull();
  expect((await row(deadEp.id)).disabledReason).toBeNull();
  await alive.waitFor(2);
  expect(dead.received).toHaveLength(4);
});

test("every response matched the contract", () => {
  expect(t.violations).toEqual([]);
});
