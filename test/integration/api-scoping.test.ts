import { Svix, type EndpointOut, type MessageAttemptOut, type MessageOut } from "svix";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startCore, type TestCore } from "../support/core-server";
import { eventually, startReceiver } from "../support/receiver";
import { apiError } from "./api-support";

let t: TestCore;
let rx: Awaited<ReturnType<typeof startReceiver>>;
let appA: string;
let appB: string;
let epA: EndpointOut;
let epB: EndpointOut;
let msgA: MessageOut;
let msgB: MessageOut;
let attemptB: MessageAttemptOut;
/** A client holding an app token for app A. */
let asA: Svix;

beforeAll(async () => {
  t = await startCore();
  rx = await startReceiver();
  appA = (await t.svix.application.create({ name: "A", uid: "tenant-a" })).id;
  appB = (await t.svix.application.create({ name: "B", uid: "tenant-b" })).id;
  epA = await t.svix.endpoint.create(appA, { url: rx.url, uid: "ep-a" });
  epB = await t.svix.endpoint.create(appB, { url: rx.url, uid: "ep-b" });
  await t.svix.endpoint.updateHeaders(appB, epB.id, { headers: { "X-B": "b" } });
  msgA = await t.svix.message.create(appA, { eventType: "a.event", payload: { a: 1 } });
  msgB = await t.svix.message.create(appB, { eventType: "b.event", payload: { b: 1 }, eventId: "b-evt" });
  const attempts = await eventually(
    () => t.svix.messageAttempt.listByMsg(appB, msgB.id),
    (list) => list.data.length === 1,
  );
  attemptB = attempts.data[0]!;
  asA = new Svix(await t.core.mintAppToken(appA), { serverUrl: t.url });
});
afterAll(async () => {
  await t.close();
  await rx.close();
});

/** Everything an outsider could see or change about app B, read with the org token. */
async function snapshotB() {
  return {
    app: await t.svix.application.get(appB),
    endpoints: await t.svix.endpoint.list(appB),
    secret: await t.svix.endpoint.getSecret(appB, epB.id),
    headers: await t.svix.endpoint.getHeaders(appB, epB.id),
    messages: await t.svix.message.list(appB, { withContent: true }),
    attempts: await t.svix.messageAttempt.listByEndpoint(appB, epB.id, { withContent: true }),
  };
}

describe("an app token for A", () => {
  test("works on its own app", async () => {
    expect((await asA.application.get("tenant-a")).id).toBe(appA);
    expect((await asA.endpoint.list(appA)).data.map((e) => e.id)).toEqual([epA.id]);
    expect((await asA.message.get(appA, msgA.id)).id).toBe(msgA.id);
    expect((await asA.endpoint.getSecret(appA, "ep-a")).key).toMatch(/^whsec_/);
  });

  test("gets 404 on every route of app B, by id or by uid, and changes nothing there", async () => {
    const before = await snapshotB();
    for (const b of [appB, "tenant-b"]) {
      const calls: [string, Promise<unknown>][] = [
        ["get app", asA.application.get(b)],
        ["list endpoints", asA.endpoint.list(b)],
        ["get endpoint", asA.endpoint.get(b, epB.id)],
        ["create endpoint", asA.endpoint.create(b, { url: rx.url })],
        ["patch endpoint", asA.endpoint.patch(b, epB.id, { disabled: true })],
        ["upsert endpoint", asA.endpoint.update(b, "new-uid", { url: rx.url })],
        ["delete endpoint", asA.endpoint.delete(b, epB.id)],
        ["list messages", asA.message.list(b)],
        ["get message", asA.message.get(b, msgB.id)],
        ["get message by eventId", asA.message.get(b, "b-evt")],
        ["attempts by endpoint", asA.messageAttempt.listByEndpoint(b, epB.id)],
        ["attempts by message", asA.messageAttempt.listByMsg(b, msgB.id)],
        ["get attempt", asA.messageAttempt.get(b, msgB.id, attemptB.id)],
        ["attempted messages", asA.messageAttempt.listAttemptedMessages(b, epB.id)],
        ["attempted destinations", asA.messageAttempt.listAttemptedDestinations(b, msgB.id)],
        ["get secret", asA.endpoint.getSecret(b, epB.id)],
        ["rotate secret", asA.endpoint.rotateSecret(b, epB.id, {})],
        ["get headers", asA.endpoint.getHeaders(b, epB.id)],
        ["set headers", asA.endpoint.updateHeaders(b, epB.id, { headers: { "X-Evil": "1" } })],
        ["patch headers", asA.endpoint.patchHeaders(b, epB.id, { headers: { "X-Evil": "1" } })],
        ["stats", asA.endpoint.getStats(b, epB.id)],
        ["recover", asA.endpoint.recover(b, epB.id, { since: new Date(Date.now() - 3_600_000) })],
        ["resend", asA.messageAttempt.resend(b, msgB.id, epB.id)],
      ];
      const codes = await Promise.all(calls.map(async ([name, call]) => [name, (await apiError(call)).code] as const));
      expect(codes).toEqual(calls.map(([name]) => [name, 404]));
    }
    // Reaching B's endpoint through A's own app path finds nothing either.
    expect((await apiError(asA.endpoint.get(appA, epB.id))).code).toBe(404);
    expect((await apiError(asA.message.get(appA, msgB.id))).code).toBe(404);
    expect((await apiError(asA.messageAttempt.get(appA, msgB.id, attemptB.id))).code).toBe(404);

    expect(await snapshotB()).toEqual(before);
    // No resend reached the receiver: one delivery each for A's and B's message.
    expect(rx.received).toHaveLength(2);
  });

  test("gets 403 on org-only routes, even for its own app", async () => {
    const calls: [string, Promise<unknown>][] = [
      ["list apps", asA.application.list()],
      ["create app", asA.application.create({ name: "x" })],
      ["upsert app", asA.application.update(appA, { name: "x" })],
      ["patch app", asA.application.patch(appA, { name: "x" })],
      ["delete app", asA.application.delete(appA)],
      ["create message", asA.message.create(appA, { eventType: "a", payload: {} })],
      ["send example", asA.endpoint.sendExample(appA, epA.id, { eventType: "svix.ping" })],
      ["create event type", asA.eventType.create({ name: "x.y", description: "x" })],
      ["expunge message content", asA.message.expungeContent(appA, msgA.id)],
      ["expunge attempt content", asA.messageAttempt.expungeContent(appB, msgB.id, attemptB.id)],
      ["portal access", asA.authentication.appPortalAccess(appA, {})],
    ];
    const results = await Promise.all(calls.map(async ([name, call]) => [name, await apiError(call)] as const));
    expect(results).toEqual(calls.map(([name]) => [name, { code: 403, body: { code: "insufficient access", detail: expect.any(String) } }]));
    expect((await t.svix.application.get(appA)).name).toBe("A");
    expect((await t.svix.message.get(appA, msgA.id, { withContent: true })).payload).toEqual({ a: 1 });
    expect((await t.svix.messageAttempt.get(appB, msgB.id, attemptB.id)).response).not.toBe("EXPUNGED");
  });
});

describe("authentication", () => {
  const unauthorized = { code: 401, body: { code: "authentication_failed", detail: expect.any(String) } };

  test("garbage, tampered and expired tokens are 401 authentication_failed", async () => {
    const valid = await t.core.mintAppToken(appA);
    const tampered = valid.slice(0, -2) + (valid.endsWith("AA") ? "BB" : "AA");
    const expired = await t.core.mintAppToken(appA, { expirySeconds: -60 });
    for (const token of ["garbage", "a.b.c", tampered, expired, `${valid}x`]) {
      const client = new Svix(token, { serverUrl: t.url });
      expect(await apiError(client.application.get(appA))).toEqual(unauthorized);
    }
  });

  test("no token, or a non-Bearer scheme, is a 401", async () => {
    const none = await t.request(`/api/v1/app/${appA}`, { token: null });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ code: "authentication_failed", detail: expect.any(String) });
    const basic = await t.request("/api/v1/app", { token: null, headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect(basic.status).toBe(401);
  });

  test("app-portal-access mints a working token, creating the app from `application` when asked", async () => {
    const access = await t.svix.authentication.appPortalAccess("tenant-c", { application: { name: "C", uid: "tenant-c" } });
    expect(access.url).toMatch(/^http/);
    const appC = await t.svix.application.get("tenant-c");
    expect((await new Svix(access.token, { serverUrl: t.url }).application.get(appC.id)).name).toBe("C");

    const missing = await apiError(t.svix.authentication.appPortalAccess("tenant-d", { application: { name: "D" } }));
    expect(missing).toEqual({ code: 422, body: { detail: [expect.objectContaining({ loc: ["body", "application", "uid"] })] } });
    expect((await apiError(t.svix.authentication.appPortalAccess("tenant-d", {}))).code).toBe(404);
    expect((await apiError(t.svix.application.get("tenant-d"))).code).toBe(404);
  });

  test("logout with an app token ends that token only", async () => {
    const token = (await t.svix.authentication.appPortalAccess(appA, {})).token;
    const other = new Svix(await t.core.mintAppToken(appA), { serverUrl: t.url });
    const client = new Svix(token, { serverUrl: t.url });
    expect((await client.application.get(appA)).id).toBe(appA);

    const res = await t.request("/api/v1/auth/logout", { method: "POST", token });
    expect(res.status).toBe(204);
    expect(await apiError(client.application.get(appA))).toEqual(unauthorized);
    expect(await apiError(client.endpoint.list(appA))).toEqual(unauthorized);
    expect((await other.application.get(appA)).id).toBe(appA);
  });

  test("logout with the org token is a no-op 204", async () => {
    await t.svix.authentication.logout();
    expect((await t.svix.application.list()).data.length).toBeGreaterThanOrEqual(2);
  });
});

test("every response matched the contract", () => {
  expect(t.violations).toEqual([]);
});
