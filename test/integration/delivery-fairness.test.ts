import { afterAll, beforeAll, expect, test } from "vitest";
import { startCore, type TestCore } from "../support/core-server";
import { startReceiver } from "../support/receiver";

// Four deliveries in flight at once: one application may hold three of them and one endpoint two;
// the fourth stays for other applications.
let t: TestCore;
let slow: Awaited<ReturnType<typeof startReceiver>>;
let fast: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  [t, slow, fast] = await Promise.all([
    startCore({ concurrency: 4 }),
    startReceiver(() => ({ status: 200, delayMs: 1_500 })),
    startReceiver(),
  ]);
});
afterAll(async () => {
  // Closing the receivers first ends the slow requests, so the dispatcher can stop at once.
  await Promise.all([slow.close(), fast.close()]);
  await t.close();
});

test("a slow endpoint with a backlog does not hold up another endpoint's deliveries", async () => {
  const app = await t.svix.application.create({ name: "Fairness" });
  await t.svix.endpoint.create(app.id, { url: slow.url });
  await t.svix.endpoint.create(app.id, { url: fast.url });
  for (let n = 0; n < 8; n++) await t.svix.message.create(app.id, { eventType: "user.created", payload: { n } });

  await fast.waitFor(8);
  // Had the slow endpoint been allowed every slot, four of its requests would be hanging by now and
  // the fast endpoint's later messages would have waited 1.5 s behind them.
  expect(slow.received.length).toBeLessThanOrEqual(3);
  expect(fast.received.map((r) => (JSON.parse(r.body) as { n: number }).n).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

  // The slow endpoint still gets its messages, at most three at a time.
  await slow.waitFor(6, 8_000);
  const times = slow.received.map((r) => r.at);
  expect(times[3]! - times[0]!).toBeGreaterThanOrEqual(1_400);
});

test("with every slot busy, new messages wait for a free slot and the API stays responsive", async () => {
  const held = await startReceiver(() => ({ status: 200, delayMs: 400 }));
  try {
    const app = await t.svix.application.create({ name: "Saturated" });
    // Four endpoints with one message each fill all four slots.
    for (let i = 0; i < 4; i++) await t.svix.endpoint.create(app.id, { url: held.url });
    await t.svix.message.create(app.id, { eventType: "user.created", payload: { n: 0 } });
    await held.waitFor(4);
    // Each of these wakes the dispatcher while it has no free slot.
    for (let n = 1; n <= 3; n++) await t.svix.message.create(app.id, { eventType: "user.created", payload: { n } });
    await held.waitFor(16, 8_000);
    const list = await t.svix.message.list(app.id);
    expect(list.data).toHaveLength(4);
  } finally {
    await held.close();
  }
});

test("every response matched the contract", () => {
  expect(t.violations).toEqual([]);
});
