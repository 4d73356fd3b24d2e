import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { Idempotency } from "@/lib/core/idempotency";
import { rows } from "@/lib/db/client";
import { startCore, type TestCore } from "../support/core-server";
import { startReceiver } from "../support/receiver";

let t: TestCore;
let rx: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  [t, rx] = await Promise.all([startCore(), startReceiver()]);
});
afterAll(async () => {
  await t.close();
  await rx.close();
});

const keyed = (key: string, body: unknown, token?: string) => ({
  method: "POST",
  headers: { "idempotency-key": key },
  body: JSON.stringify(body),
  ...(token ? { token } : {}),
});

async function appWithEndpoint(name: string) {
  const app = await t.svix.application.create({ name });
  await t.svix.endpoint.create(app.id, { url: rx.url });
  return app;
}

async function messageCount(appId: string): Promise<number> {
  return (await t.svix.message.list(appId)).data.length;
}

test("the SDK's message.create with one key twice stores and delivers one message, and answers the same both times", async () => {
  const app = await appWithEndpoint("Idempotent");
  const first = await t.svix.message.create(app.id, { eventType: "user.created", payload: { n: 1 } }, { idempotencyKey: "order-1" });
  const again = await t.svix.message.create(app.id, { eventType: "user.created", payload: { n: 1 } }, { idempotencyKey: "order-1" });
  expect(again).toEqual(first);
  expect(await messageCount(app.id)).toBe(1);
  await rx.waitFor(1);
  await new Promise((r) => setTimeout(r, 300));
  expect(rx.received.filter((r) => r.headers["webhook-id"] === first.id)).toHaveLength(1);
});

test("a replay says so; without a key every request acts", async () => {
  const app = await t.svix.application.create({ name: "Replay header" });
  const path = `/api/v1/app/${app.id}/msg`;
  const a = await t.request(path, keyed("k-1", { eventType: "a.b", payload: {} }));
  const b = await t.request(path, keyed("k-1", { eventType: "a.b", payload: {} }));
  expect([a.status, b.status]).toEqual([202, 202]);
  expect(a.headers.get("idempotent-replayed")).toBeNull();
  expect(b.headers.get("idempotent-replayed")).toBe("true");
  expect(await b.json()).toEqual(await a.json());

  for (let i = 0; i < 2; i++) {
    const res = await t.request(path, { method: "POST", body: JSON.stringify({ eventType: "a.b", payload: {} }) });
    expect(res.status).toBe(202);
  }
  expect(await messageCount(app.id)).toBe(3);
});

test("a key is scoped to the URL and to the caller's token", async () => {
  const one = await t.svix.application.create({ name: "Scope one" });
  const two = await t.svix.application.create({ name: "Scope two" });
  const body = { eventType: "a.b", payload: {} };
  const inOne = await t.request(`/api/v1/app/${one.id}/msg`, keyed("shared", body));
  const inTwo = await t.request(`/api/v1/app/${two.id}/msg`, keyed("shared", body));
  expect(((await inOne.json()) as { id: string }).id).not.toBe(((await inTwo.json()) as { id: string }).id);

  const endpoint = { url: rx.url };
  const byOrg = await t.request(`/api/v1/app/${one.id}/endpoint`, keyed("shared", endpoint));
  const byApp = await t.request(`/api/v1/app/${one.id}/endpoint`, keyed("shared", endpoint, await t.core.mintAppToken(one.id)));
  expect([byOrg.status, byApp.status]).toEqual([201, 201]);
  expect(byApp.headers.get("idempotent-replayed")).toBeNull();
  expect((await t.svix.endpoint.list(one.id)).data).toHaveLength(2);
});

test("concurrent requests with one key: one acts, all get its answer", async () => {
  const app = await t.svix.application.create({ name: "Concurrent" });
  const path = `/api/v1/app/${app.id}/msg`;
  const answers = await Promise.all(Array.from({ length: 6 }, () => t.request(path, keyed("burst", { eventType: "a.b", payload: {} }))));
  expect(answers.map((r) => r.status)).toEqual(Array(6).fill(202));
  const ids = await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id));
  expect(new Set(ids).size).toBe(1);
  expect(await messageCount(app.id)).toBe(1);
});

test("an error answer is replayed too; a different key acts", async () => {
  const app = await t.svix.application.create({ name: "Errors" });
  const path = `/api/v1/app/${app.id}/msg`;
  const bad = await t.request(path, keyed("try-1", { eventType: "a.b" }));
  expect(bad.status).toBe(422);
  const sameKey = await t.request(path, keyed("try-1", { eventType: "a.b", payload: {} }));
  expect(sameKey.status).toBe(422);
  expect(await sameKey.json()).toEqual(await bad.json());
  const newKey = await t.request(path, keyed("try-2", { eventType: "a.b", payload: {} }));
  expect(newKey.status).toBe(202);
  expect(await messageCount(app.id)).toBe(1);
});

test("a key runs again once its answer has expired, or once a holder that never answered has run out of time", async () => {
  const app = await t.svix.application.create({ name: "Expiry" });
  const path = `/api/v1/app/${app.id}/msg`;
  const body = { eventType: "a.b", payload: {} };
  await t.request(path, keyed("old", body));
  await t.database.db.execute(sql`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE state = 1`);
  const afterExpiry = await t.request(path, keyed("old", body));
  expect(afterExpiry.headers.get("idempotent-replayed")).toBeNull();
  expect(await messageCount(app.id)).toBe(2);

  // A request that took its key and died: the key is held, then free once the hold runs out.
  await t.request(path, keyed("orphan", body));
  await t.database.db.execute(
    sql`UPDATE idempotency_keys SET state = 0, status = NULL, body = NULL, locked_until = now() - interval '1 second'
        WHERE state = 1 AND expires_at > now()`,
  );
  const retried = await t.request(path, keyed("orphan", body));
  expect(retried.status).toBe(202);
  expect(retried.headers.get("idempotent-replayed")).toBeNull();
  expect(await messageCount(app.id)).toBe(4);
});

test("expunging a message's content expunges it from the kept create answer too; the key still holds", async () => {
  const app = await t.svix.application.create({ name: "Expunge" });
  const secret = { card: "4242 4242 4242 4242" };
  // Raw requests: the SDK's create asks for no content and fills the payload in from its input.
  const path = `/api/v1/app/${app.id}/msg?with_content=true`;
  const body = { eventType: "a.b", payload: secret };
  const first = await t.request(path, keyed("pay-1", body));
  const created = (await first.json()) as { id: string; payload: unknown };
  expect(created.payload).toEqual(secret);
  await t.svix.message.expungeContent(app.id, created.id);
  const [kept] = await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM idempotency_keys WHERE body LIKE '%4242%'`);
  expect(kept!.n).toBe(0);
  const retried = await t.request(path, keyed("pay-1", body));
  expect(retried.headers.get("idempotent-replayed")).toBe("true");
  const replayed = (await retried.json()) as { id: string; payload: unknown };
  expect(replayed.id).toBe(created.id);
  expect(replayed.payload).toEqual({ expired: true });
  expect(await messageCount(app.id)).toBe(1);
});

test("a 5xx answer is not kept: the retry runs again, and its answer is the one kept", async () => {
  const idempotency = new Idempotency(t.database.db);
  const url = new URL("http://core.test/api/v1/app/app_x/msg");
  const req = () => new Request(url, { method: "POST", headers: { authorization: "Bearer k", "idempotency-key": "flaky" } });
  let runs = 0;
  const broken = await idempotency.run(req(), url, async () => {
    runs++;
    return Response.json({ code: "internal_error", detail: "Internal server error" }, { status: 500 });
  });
  expect(broken.status).toBe(500);
  const fixed = await idempotency.run(req(), url, async () => {
    runs++;
    return Response.json({ id: "msg_1" }, { status: 202 });
  });
  const replayed = await idempotency.run(req(), url, async () => {
    runs++;
    return Response.json({ id: "msg_2" }, { status: 202 });
  });
  expect(runs).toBe(2);
  expect(fixed.status).toBe(202);
  expect(await replayed.json()).toEqual({ id: "msg_1" });
  expect(replayed.headers.get("idempotent-replayed")).toBe("true");
});

test("portal-access tokens are not kept: each request mints its own", async () => {
  const app = await t.svix.application.create({ name: "Tokens" });
  const path = `/api/v1/auth/app-portal-access/${app.id}`;
  const a = await t.request(path, keyed("mint", {}));
  const b = await t.request(path, keyed("mint", {}));
  expect([a.status, b.status]).toEqual([200, 200]);
  expect(((await a.json()) as { token: string }).token).not.toBe(((await b.json()) as { token: string }).token);
  const [kept] = await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM idempotency_keys WHERE body LIKE '%token%'`);
  expect(kept!.n).toBe(0);
});

test("every response matched the contract", () => {
  expect(t.violations).toEqual([]);
});
