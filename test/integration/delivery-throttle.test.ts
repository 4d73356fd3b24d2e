import { afterAll, beforeAll, expect, test } from "vitest";
import { startCore, type TestCore } from "../support/core-server";
import { startReceiver } from "../support/receiver";

let t: TestCore;
beforeAll(async () => {
  t = await startCore();
});
afterAll(() => t.close());

test("throttleRate spaces an endpoint's deliveries without slowing the app's other endpoints", async () => {
  const [throttled, free] = await Promise.all([startReceiver(), startReceiver()]);
  try {
    const app = await t.svix.application.create({ name: "Throttle" });
    const slowEp = await t.svix.endpoint.create(app.id, { url: throttled.url, throttleRate: 5 });
    expect(slowEp.throttleRate).toBe(5);
    await t.svix.endpoint.create(app.id, { url: free.url });

    // Sent all at once, so the whole batch is queued well inside the throttled endpoint's first second.
    const sent = await Promise.all(
      Array.from({ length: 15 }, (_, n) => t.svix.message.create(app.id, { eventType: "user.created", payload: { n } })),
    );
    const ids = sent.map((m) => m.id);

    await free.waitFor(15);
    await throttled.waitFor(15, 15_000);
    const times = throttled.received.map((r) => r.at).sort((a, b) => a - b);
    // The unthrottled endpoint was not held back: it had everything before the throttled one had
    // half (which, at 5 per second, takes over a second).
    expect(Math.max(...free.received.map((r) => r.at))).toBeLessThan(times[7]!);
    const span = times[14]! - times[0]!;
    // 5 per second: 14 gaps of 200 ms, minus a little for timer granularity.
    expect(span).toBeGreaterThanOrEqual(2_400);
    expect(span / 14).toBeGreaterThanOrEqual(150);
    // No burst anywhere: any six in a row are due over 1 s; allow them to run up to 400 ms late.
    const sixes = times.slice(5).map((at, i) => at - times[i]!);
    expect(Math.min(...sixes)).toBeGreaterThanOrEqual(600);

    // Each message exactly once, on both endpoints.
    const idsOf = (rx: typeof free) => rx.received.map((r) => String(r.headers["webhook-id"])).sort();
    expect(idsOf(throttled)).toEqual([...ids].sort());
    expect(idsOf(free)).toEqual([...ids].sort());
    const attempts = await t.svix.messageAttempt.listByEndpoint(app.id, slowEp.id, { limit: 50 });
    expect(attempts.data.map((a) => a.status)).toEqual(new Array<number>(15).fill(0));
  } finally {
    await Promise.all([throttled.close(), free.close()]);
  }
});

test("lifting the throttle lets the remaining deliveries through at full speed", async () => {
  const rx = await startReceiver();
  try {
    const app = await t.svix.application.create({ name: "Unthrottle" });
    const ep = await t.svix.endpoint.create(app.id, { url: rx.url, throttleRate: 1 });
    await t.svix.message.create(app.id, { eventType: "user.created", payload: { n: 0 } });
    await rx.waitFor(1);
    await t.svix.endpoint.patch(app.id, ep.id, { throttleRate: null });
    for (let n = 1; n <= 5; n++) await t.svix.message.create(app.id, { eventType: "user.created", payload: { n } });
    // At 1 per second these five would need ≥ 4 s after the first.
    await rx.waitFor(6, 3_000);
    expect(rx.received).toHaveLength(6);
  } finally {
    await rx.close();
  }
});

test("every response matched the contract", () => {
  expect(t.violations).toEqual([]);
});
