import { afterAll, beforeAll, expect, test } from "vitest";
import { startCore, type TestCore } from "../support/core-server";
import { startReceiver, verify, type Received } from "../support/receiver";

let t: TestCore;
let rx: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  t = await startCore();
  rx = await startReceiver();
});
afterAll(async () => {
  await rx.close();
  await t.close();
});

/** The delivery of `msgId` (the receiver is shared by the tests in this file). */
async function deliveryOf(msgId: string, header = "webhook-id"): Promise<Received> {
  for (let i = 0; i < 200; i++) {
    const hit = rx.received.find((r) => r.headers[header] === msgId);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`message ${msgId} was not delivered`);
}

function signatures(r: Received, header = "webhook-signature"): string[] {
  return String(r.headers[header]).split(" ");
}

test("deliveries carry Standard Webhooks headers, JSON content type and the exact payload bytes", async () => {
  const app = await t.svix.application.create({ name: "Signing" });
  const ep = await t.svix.endpoint.create(app.id, { url: rx.url });
  const { key } = await t.svix.endpoint.getSecret(app.id, ep.id);
  const payload = { type: "invoice.paid", amount: 4200, note: "Grüße \u2603 \"quoted\" </script>", nested: { list: [1, 2.5, null, true] } };
  const msg = await t.svix.message.create(app.id, { eventType: "invoice.paid", payload });

  const r = await deliveryOf(msg.id);
  expect(r.body).toBe(JSON.stringify(payload));
  expect(r.headers["content-type"]).toBe("application/json");
  expect(r.headers["webhook-id"]).toBe(msg.id);
  expect(Number(r.headers["webhook-timestamp"])).toBeCloseTo(Date.now() / 1000, -2);
  expect(signatures(r)).toHaveLength(1);
  expect(signatures(r)[0]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
  expect(r.headers["svix-id"]).toBeUndefined();
  expect(verify(key, r)).toEqual(payload);
  // A different secret must not verify: the signature is over this endpoint's key.
  expect(() => verify("whsec_" + Buffer.alloc(24, 7).toString("base64"), r)).toThrow();
});

test("an endpoint's custom headers are sent alongside the signature headers", async () => {
  const app = await t.svix.application.create({ name: "Headers" });
  const ep = await t.svix.endpoint.create(app.id, { url: rx.url });
  await t.svix.endpoint.updateHeaders(app.id, ep.id, { headers: { "X-Tenant": "acme", Authorization: "Bearer abc" } });
  const { key } = await t.svix.endpoint.getSecret(app.id, ep.id);
  const msg = await t.svix.message.create(app.id, { eventType: "invoice.paid", payload: { n: 1 } });

  const r = await deliveryOf(msg.id);
  expect(r.headers["x-tenant"]).toBe("acme");
  expect(r.headers.authorization).toBe("Bearer abc");
  expect(verify(key, r)).toEqual({ n: 1 });
});

test("after a rotation the old secret keeps verifying during the grace period", async () => {
  const app = await t.svix.application.create({ name: "Rotate" });
  const ep = await t.svix.endpoint.create(app.id, { url: rx.url });
  const { key: oldKey } = await t.svix.endpoint.getSecret(app.id, ep.id);
  await t.svix.endpoint.rotateSecret(app.id, ep.id, {});
  const { key: newKey } = await t.svix.endpoint.getSecret(app.id, ep.id);
  expect(newKey).not.toBe(oldKey);

  const msg = await t.svix.message.create(app.id, { eventType: "invoice.paid", payload: { rotated: true } });
  const r = await deliveryOf(msg.id);
  expect(signatures(r)).toHaveLength(2);
  expect(signatures(r).every((s) => s.startsWith("v1,"))).toBe(true);
  expect(verify(newKey, r)).toEqual({ rotated: true });
  expect(verify(oldKey, r)).toEqual({ rotated: true });
});

test("a rotation without a grace period signs with the new secret only", async () => {
  const app = await t.svix.application.create({ name: "Rotate now" });
  const ep = await t.svix.endpoint.create(app.id, { url: rx.url });
  const { key: oldKey } = await t.svix.endpoint.getSecret(app.id, ep.id);
  const chosen = "whsec_" + Buffer.alloc(32, 42).toString("base64");
  await t.svix.endpoint.rotateSecret(app.id, ep.id, { key: chosen, gracePeriodSeconds: 0 });

  const msg = await t.svix.message.create(app.id, { eventType: "invoice.paid", payload: { n: 2 } });
  const r = await deliveryOf(msg.id);
  expect(signatures(r)).toHaveLength(1);
  expect(verify(chosen, r)).toEqual({ n: 2 });
  expect(() => verify(oldKey, r)).toThrow();
});

test("headerStyle svix sends svix-* headers that verify the same way", async () => {
  const svixCore = await startCore({ headerStyle: "svix" });
  try {
    const app = await svixCore.svix.application.create({ name: "Svix style" });
    const ep = await svixCore.svix.endpoint.create(app.id, { url: rx.url });
    const { key } = await svixCore.svix.endpoint.getSecret(app.id, ep.id);
    const msg = await svixCore.svix.message.create(app.id, { eventType: "user.created", payload: { id: "u1" } });

    const r = await deliveryOf(msg.id, "svix-id");
    expect(r.headers["webhook-id"]).toBeUndefined();
    expect(r.headers["webhook-signature"]).toBeUndefined();
    expect(r.headers["content-type"]).toBe("application/json");
    expect(signatures(r, "svix-signature")).toHaveLength(1);
    // Same scheme under other names: rename and verify with the Standard Webhooks library.
    const renamed: Received = {
      ...r,
      headers: {
        "webhook-id": r.headers["svix-id"],
        "webhook-timestamp": r.headers["svix-timestamp"],
        "webhook-signature": r.headers["svix-signature"],
      },
    };
    expect(verify(key, renamed)).toEqual({ id: "u1" });
    expect(svixCore.violations).toEqual([]);
  } finally {
    await svixCore.close();
  }
});

test("every response matched the contract", () => {
  expect(t.violations).toEqual([]);
});
