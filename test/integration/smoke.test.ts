import { afterAll, beforeAll, expect, test } from "vitest";
import { startCore, type TestCore } from "../support/core-server";
import { startReceiver, verify } from "../support/receiver";

let t: TestCore;
beforeAll(async () => {
  t = await startCore();
});
afterAll(() => t.close());

test("a message reaches an endpoint, signed", async () => {
  const rx = await startReceiver();
  const app = await t.svix.application.create({ name: "Acme" });
  const ep = await t.svix.endpoint.create(app.id, { url: rx.url });
  const { key } = await t.svix.endpoint.getSecret(app.id, ep.id);
  const msg = await t.svix.message.create(app.id, { eventType: "invoice.paid", payload: { amount: 1 } });
  await rx.waitFor(1);
  expect(verify(key, rx.received[0]!)).toEqual({ amount: 1 });
  expect(rx.received[0]!.headers["webhook-id"]).toBe(msg.id);
  await rx.close();
  expect(t.violations).toEqual([]);
});
