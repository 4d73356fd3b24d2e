import { afterAll, beforeAll, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { Svix } from "svix";
import { deliveryTasks } from "@/lib/db/schema";
import { startCore, type TestCore } from "../support/core-server";
import { eventually, startReceiver, verify, type Reply } from "../support/receiver";

// The shared core retries after 100, 200 and 400 ms (±20 %): 4 scheduled attempts in all.
// `slow` gives up on a request after 300 ms.
let t: TestCore;
let slow: TestCore;
const receivers: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  [t, slow] = await Promise.all([startCore(), startCore({ timeoutMs: 300 })]);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await Promise.all([t.close(), slow.close()]);
});

async function receiver(reply?: (n: number) => Reply) {
  const rx = await startReceiver(reply && ((_, n) => reply(n)));
  receivers.push(rx);
  return rx;
}

/** Sends one message to a fresh endpoint at `url`. */
async function sendTo(svix: Svix, url: string) {
  const app = await svix.application.create({ name: "Retries" });
  const ep = await svix.endpoint.create(app.id, { url });
  const { key } = await svix.endpoint.getSecret(app.id, ep.id);
  const msg = await svix.message.create(app.id, { eventType: "invoice.paid", payload: { id: "inv_1" } });
  return { app, ep, key, msg };
}

/** A message's attempts, oldest first. */
async function attempts(svix: Svix, appId: string, msgId: string) {
  const page = await svix.messageAttempt.listByMsg(appId, msgId, { withContent: true });
  return page.data.reverse();
}

async function destination(svix: Svix, appId: string, msgId: string) {
  const page = await svix.messageAttempt.listAttemptedDestinations(appId, msgId);
  expect(page.data).toHaveLength(1);
  return page.data[0]!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("a receiver that fails twice gets retried on schedule until it succeeds", async () => {
  const rx = await receiver((n) => (n <= 2 ? { status: 500, body: "down" } : { status: 204 }));
  const { app, key, msg } = await sendTo(t.svix, rx.url);
  await rx.waitFor(3);

  const [first, second, third] = rx.received;
  expect(second!.at - first!.at).toBeGreaterThanOrEqual(80);
  expect(third!.at - second!.at).toBeGreaterThanOrEqual(160);
  // Each retry is signed anew and verifies.
  for (const r of rx.received) expect(verify(key, r)).toEqual({ id: "inv_1" });

  const list = await eventually(() => attempts(t.svix, app.id, msg.id), (a) => a.length === 3);
  expect(list.map((a) => [a.responseStatusCode, a.status, a.triggerType])).toEqual([[500, 2, 0], [500, 2, 0], [204, 0, 0]]);
  expect(list[0]!.response).toBe("down");
  // Each attempt is stamped with when it was made, not when its outcome was written: before its
  // request arrived (the outcome is written after the answer), after the previous one did.
  list.forEach((a, i) => {
    expect(a.timestamp.getTime()).toBeLessThanOrEqual(rx.received[i]!.at);
    if (i > 0) expect(a.timestamp.getTime()).toBeGreaterThanOrEqual(rx.received[i - 1]!.at);
  });
  const dest = await eventually(() => destination(t.svix, app.id, msg.id), (d) => d.status === 0);
  expect(dest.nextAttempt).toBeNull();
  await sleep(600);
  expect(rx.received).toHaveLength(3);
});

test("responses Postgres text cannot hold (a NUL byte) are recorded as base64, success and failure alike", async () => {
  const rx = await receiver((n) => (n === 1 ? { status: 500, body: "err\u0000" } : { status: 200, body: "ok\u0000" }));
  const { app, msg } = await sendTo(t.svix, rx.url);
  await rx.waitFor(2);
  const list = await eventually(() => attempts(t.svix, app.id, msg.id), (a) => a.length === 2);
  expect(list.map((a) => [a.responseStatusCode, Buffer.from(a.response, "base64").toString("utf8")])).toEqual([
    [500, "err\u0000"],
    [200, "ok\u0000"],
  ]);
  await eventually(() => destination(t.svix, app.id, msg.id), (d) => d.status === 0);
  await sleep(600);
  expect(rx.received).toHaveLength(2);
});

test("an always failing receiver gets 1 + schedule length attempts, then the message fails", async () => {
  const rx = await receiver(() => ({ status: 503 }));
  const { app, msg } = await sendTo(t.svix, rx.url);
  await rx.waitFor(4);
  const [a, b, c, d] = rx.received.map((r) => r.at);
  expect(b! - a!).toBeGreaterThanOrEqual(80);
  expect(c! - b!).toBeGreaterThanOrEqual(160);
  expect(d! - c!).toBeGreaterThanOrEqual(320);

  const dest = await eventually(() => destination(t.svix, app.id, msg.id), (x) => x.status === 2);
  expect(dest.statusText).toBe("fail");
  expect(dest.nextAttempt).toBeNull();
  // The last delay would have been at most 480 ms: wait well past it.
  await sleep(700);
  expect(rx.received).toHaveLength(4);
  const list = await attempts(t.svix, app.id, msg.id);
  expect(list.map((x) => x.responseStatusCode)).toEqual([503, 503, 503, 503]);
});

test("a redirect is a failure and its Location is not followed", async () => {
  const elsewhere = await receiver();
  const rx = await receiver(() => ({ status: 302, headers: { location: elsewhere.url } }));
  const { app, msg } = await sendTo(t.svix, rx.url);
  await rx.waitFor(4);
  await eventually(() => destination(t.svix, app.id, msg.id), (x) => x.status === 2);
  const list = await attempts(t.svix, app.id, msg.id);
  expect(list.map((x) => [x.responseStatusCode, x.status])).toEqual([[302, 2], [302, 2], [302, 2], [302, 2]]);
  expect(elsewhere.received).toHaveLength(0);
});

test("Retry-After is honoured but clamped to twice the scheduled delay", async () => {
  // Retry-After asks for an hour; the first delay is 80..120 ms, so the retry is due in 160..240 ms.
  // That it arrives at all within waitFor's deadline shows the clamp; no upper bound on the gap.
  const rx = await receiver((n) => (n === 1 ? { status: 429, headers: { "retry-after": "3600" } } : { status: 200 }));
  const { app, msg } = await sendTo(t.svix, rx.url);
  await rx.waitFor(2);
  const gap = rx.received[1]!.at - rx.received[0]!.at;
  // Longer than the plain schedule allows (≤ 120 ms).
  expect(gap).toBeGreaterThanOrEqual(150);
  await eventually(() => destination(t.svix, app.id, msg.id), (x) => x.status === 0);
});

test("a failed manual resend is tried once and not retried", async () => {
  const rx = await receiver(() => ({ status: 500 }));
  const { app, ep, msg } = await sendTo(t.svix, rx.url);
  await rx.waitFor(4);
  await eventually(() => destination(t.svix, app.id, msg.id), (x) => x.status === 2);

  await t.svix.messageAttempt.resend(app.id, msg.id, ep.id);
  await rx.waitFor(5);
  await sleep(800);
  expect(rx.received).toHaveLength(5);
  const list = await attempts(t.svix, app.id, msg.id);
  expect(list.map((x) => x.triggerType)).toEqual([0, 0, 0, 0, 1]);
  const dest = await destination(t.svix, app.id, msg.id);
  expect(dest.status).toBe(2);
  expect(dest.nextAttempt).toBeNull();
});

test("a timed-out attempt is recorded with status code 0 and retried no sooner than a minute later", async () => {
  const rx = await receiver(() => ({ status: 200, delayMs: 2_000 }));
  const { app, ep, msg } = await sendTo(slow.svix, rx.url);
  const [attempt] = await eventually(() => attempts(slow.svix, app.id, msg.id), (a) => a.length === 1);
  expect(attempt!.responseStatusCode).toBe(0);
  expect(attempt!.status).toBe(2);
  expect(attempt!.response).toMatch(/timed out/i);

  const page = await slow.svix.messageAttempt.listAttemptedMessages(app.id, ep.id);
  const pending = page.data[0]!;
  expect(pending.status).toBe(3);
  expect(pending.nextAttempt!.getTime() - attempt!.timestamp.getTime()).toBeGreaterThanOrEqual(59_000);

  // A manual resend that also times out leaves the scheduled retry (and the "sending" state) alone.
  await slow.svix.messageAttempt.resend(app.id, msg.id, ep.id);
  const after = await eventually(() => attempts(slow.svix, app.id, msg.id), (a) => a.length === 2);
  expect(after[1]!.triggerType).toBe(1);
  expect(after[1]!.responseStatusCode).toBe(0);
  const dest = await destination(slow.svix, app.id, msg.id);
  expect(dest.status).toBe(3);
  expect(dest.nextAttempt!.getTime()).toBeGreaterThan(Date.now() + 50_000);
});

test("a successful manual resend settles the destination and cancels the queued retry", async () => {
  const rx = await receiver((n) => (n === 1 ? { delayMs: 2_000 } : { status: 200 }));
  const { app, ep, msg } = await sendTo(slow.svix, rx.url);
  await eventually(() => attempts(slow.svix, app.id, msg.id), (a) => a.length === 1);
  const waiting = await destination(slow.svix, app.id, msg.id);
  expect(waiting.status).toBe(3);
  expect(waiting.nextAttempt!.getTime()).toBeGreaterThan(Date.now() + 50_000);

  await slow.svix.messageAttempt.resend(app.id, msg.id, ep.id);
  const dest = await eventually(() => destination(slow.svix, app.id, msg.id), (d) => d.status === 0);
  expect(dest.nextAttempt).toBeNull();
  const list = await attempts(slow.svix, app.id, msg.id);
  expect(list.map((a) => [a.responseStatusCode, a.triggerType])).toEqual([[0, 0], [200, 1]]);
  const stats = await slow.svix.endpoint.getStats(app.id, ep.id);
  expect(stats).toMatchObject({ success: 1, sending: 0, fail: 0 });
  // Nothing is left queued for the message, so no attempt comes a minute later.
  expect(await slow.database.db.select().from(deliveryTasks).where(eq(deliveryTasks.msgId, msg.id))).toEqual([]);
});

test("every response matched the contract", () => {
  expect(t.violations).toEqual([]);
  expect(slow.violations).toEqual([]);
});
