import { Svix, type MessageOut } from "svix";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startCore, type TestCore } from "../support/core-server";
import { apiError, locs } from "./api-support";

let t: TestCore;
let appId: string;
/** The listing fixture, oldest first: distinct types and channels, 8 ms or more apart. */
const sent: MessageOut[] = [];
const fixture = [
  { eventType: "order.created", channels: ["eu"] },
  { eventType: "order.paid", channels: ["us"] },
  { eventType: "order.created", channels: ["eu", "us"] },
  { eventType: "order.shipped", channels: null },
  { eventType: "order.paid", channels: ["eu"] },
];

/** Ids (and the before/after filters) resolve time to 4 ms, so fixture messages are kept further apart. */
async function nextTick(after: Date): Promise<void> {
  while (Date.now() < after.getTime() + 8) await new Promise((r) => setTimeout(r, 2));
}

beforeAll(async () => {
  // No dispatcher: these tests are about the API, and the endpoint below is never contacted.
  t = await startCore({ dispatch: false });
  appId = (await t.svix.application.create({ name: "Messages", uid: "msg-app" })).id;
  for (const [i, m] of fixture.entries()) {
    const msg = await t.svix.message.create(appId, { ...m, payload: { n: i }, eventId: `fixture-${i}` }, { withContent: true });
    sent.push(msg);
    await nextTick(msg.timestamp);
  }
});
afterAll(() => t.close());

const ids = (list: { data: { id: string }[] }) => list.data.map((m) => m.id);
const newestFirst = () => [...sent].reverse().map((m) => m.id);

describe("create and get", () => {
  test("create answers 202 with the message; get finds it by id and by eventId", async () => {
    const res = await t.request(`/api/v1/app/${appId}/msg`, {
      method: "POST",
      body: JSON.stringify({ eventType: "user.signup", payload: { email: "a@example.com" }, eventId: "evt-1", channels: ["web"] }),
    });
    expect(res.status).toBe(202);
    const made = (await res.json()) as { id: string; timestamp: string };
    expect(made).toMatchObject({ eventType: "user.signup", eventId: "evt-1", payload: { email: "a@example.com" }, channels: ["web"] });
    expect(made.id).toMatch(/^msg_[0-9A-Za-z]{27}$/);

    const byId = await t.svix.message.get(appId, made.id, { withContent: true });
    expect(byId).toMatchObject({ id: made.id, eventId: "evt-1", payload: { email: "a@example.com" } });
    expect(byId.timestamp.toISOString()).toBe(made.timestamp);
    expect((await t.svix.message.get("msg-app", "evt-1", { withContent: true })).id).toBe(made.id);
    // Without content the payload is left out.
    expect((await t.svix.message.get(appId, made.id, { withContent: false })).payload).toEqual({});
  });

  test("a duplicate eventId in the same app is a 409; in another app it is fine", async () => {
    await t.svix.message.create(appId, { eventType: "dup.test", payload: {}, eventId: "once" });
    expect(await apiError(t.svix.message.create(appId, { eventType: "dup.test", payload: {}, eventId: "once" }))).toEqual({
      code: 409,
      body: { code: "conflict", detail: expect.any(String) },
    });
    const other = await t.svix.application.create({ name: "Other" });
    expect((await t.svix.message.create(other.id, { eventType: "dup.test", payload: {}, eventId: "once" })).eventId).toBe("once");
  });

  test("bad input is a 422; an unknown app a 404", async () => {
    const badType = await apiError(t.svix.message.create(appId, { eventType: "bad type!", payload: {} }));
    expect(locs(badType.body)).toEqual(["body.eventType"]);
    const notObject = await t.request(`/api/v1/app/${appId}/msg`, { method: "POST", body: JSON.stringify({ eventType: "a", payload: [1] }) });
    expect(notObject.status).toBe(422);
    expect((await apiError(t.svix.message.create(appId, { eventType: "a", payload: {}, eventId: "msg_lookalike" }))).code).toBe(422);
    expect((await apiError(t.svix.message.create("no-such-app", { eventType: "a", payload: {} }))).code).toBe(404);
  });

  test("payloads over 1 MiB are a 413; up to 1 MiB they are taken", async () => {
    // `{"s":"…"}` is 8 bytes around the string.
    const sized = (bytes: number) => ({ s: "x".repeat(bytes - 8) });
    expect(await apiError(t.svix.message.create(appId, { eventType: "big", payload: sized(1024 * 1024 + 1) }))).toEqual({
      code: 413,
      body: { code: "payload_too_large", detail: expect.any(String) },
    });
    const fits = await t.svix.message.create(appId, { eventType: "big", payload: sized(1024 * 1024) }, { withContent: true });
    expect(JSON.stringify(fits.payload)).toHaveLength(1024 * 1024);
  });

  test("`application` in the body creates the app on the fly; its uid must be the path's", async () => {
    const msg = await t.svix.message.create("fresh-app", {
      eventType: "hello",
      payload: { hi: true },
      application: { name: "Fresh", uid: "fresh-app" },
    });
    const app = await t.svix.application.get("fresh-app");
    expect(app.name).toBe("Fresh");
    expect((await t.svix.message.get(app.id, msg.id)).id).toBe(msg.id);

    const mismatch = await apiError(
      t.svix.message.create("other-uid", { eventType: "hello", payload: {}, application: { name: "X", uid: "not-the-path" } }),
    );
    expect(mismatch.code).toBe(422);
    expect(locs(mismatch.body)).toEqual(["body.application.uid"]);
    expect((await apiError(t.svix.application.get("other-uid"))).code).toBe(404);
  });

  test("app tokens cannot create messages (403)", async () => {
    const client = new Svix(await t.core.mintAppToken(appId), { serverUrl: t.url });
    expect((await apiError(client.message.create(appId, { eventType: "a", payload: {} }))).code).toBe(403);
    // ...but can read them.
    expect((await client.message.get(appId, sent[0]!.id)).id).toBe(sent[0]!.id);
  });
});

describe("list", () => {
  const fixtureApp = async () => {
    const app = await t.svix.application.create({ name: "Fixture copy" });
    for (const [i, m] of fixture.entries()) {
      const msg = await t.svix.message.create(app.id, { ...m, payload: { n: i } });
      await nextTick(msg.timestamp);
    }
    return app.id;
  };

  test("newest first; payloads only with withContent", async () => {
    const fixtureIds = new Set(sent.map((m) => m.id));
    const all = await t.svix.message.list(appId, { limit: 250, withContent: true });
    const listed = all.data.filter((m) => fixtureIds.has(m.id));
    expect(listed.map((m) => m.id)).toEqual(newestFirst());
    expect(listed.map((m) => (m.payload as { n: number }).n)).toEqual([4, 3, 2, 1, 0]);
    const allIds = ids(all);
    expect(allIds).toEqual([...allIds].sort().reverse());

    const bare = await t.svix.message.list(appId, { limit: 250, withContent: false });
    expect(bare.data.every((m) => JSON.stringify(m.payload) === "{}")).toBe(true);
  });

  test("limit and iterator page through newest first; prevIterator walks back", async () => {
    const app = await fixtureApp();
    const expected = ids(await t.svix.message.list(app, { limit: 250 }));
    const p1 = await t.svix.message.list(app, { limit: 2 });
    expect(ids(p1)).toEqual(expected.slice(0, 2));
    expect(p1.done).toBe(false);
    const p2 = await t.svix.message.list(app, { limit: 2, iterator: p1.iterator });
    expect(ids(p2)).toEqual(expected.slice(2, 4));
    const p3 = await t.svix.message.list(app, { limit: 2, iterator: p2.iterator });
    expect(ids(p3)).toEqual(expected.slice(4));
    expect(p3.done).toBe(true);
    expect(ids(await t.svix.message.list(app, { limit: 2, iterator: p2.prevIterator }))).toEqual(ids(p1));
  });

  test("filter by event types, by channel", async () => {
    const onlyFixture = (list: { data: { id: string }[] }) => ids(list).filter((id) => sent.some((m) => m.id === id));
    const byType = await t.svix.message.list(appId, { limit: 250, eventTypes: ["order.paid", "order.shipped"] });
    expect(onlyFixture(byType)).toEqual([sent[4]!.id, sent[3]!.id, sent[1]!.id]);
    expect(byType.data.every((m) => ["order.paid", "order.shipped"].includes(m.eventType))).toBe(true);

    // svix-server's other spellings of the same filter.
    const repeated = await t.request(`/api/v1/app/${appId}/msg?event_types=order.paid&event_types=order.shipped`);
    expect(ids((await repeated.json()) as { data: { id: string }[] })).toEqual(ids(byType));

    const eu = await t.svix.message.list(appId, { limit: 250, channel: "eu" });
    expect(ids(eu)).toEqual([sent[4]!.id, sent[2]!.id, sent[0]!.id]);
  });

  test("before and after bound the listing by time", async () => {
    const before = await t.svix.message.list(appId, { limit: 250, before: sent[2]!.timestamp });
    expect(ids(before)).toEqual([sent[1]!.id, sent[0]!.id]);

    const after = await t.svix.message.list(appId, { limit: 250, after: sent[2]!.timestamp, eventTypes: fixture.map((m) => m.eventType) });
    expect(ids(after)).toEqual([sent[4]!.id, sent[3]!.id]);

    const window = await t.svix.message.list(appId, { limit: 250, after: sent[0]!.timestamp, before: sent[3]!.timestamp });
    expect(ids(window)).toEqual([sent[2]!.id, sent[1]!.id]);
  });
});

describe("Porthole's delivery-status extension", () => {
  type Row = { id: string; deliveryStatus: string; nextAttempt: string | null };
  const get = async (query: string) => {
    const res = await t.request(`/api/v1/app/${appId}/msg?${query}`);
    return { status: res.status, body: (await res.json()) as { data: Row[]; iterator: string | null; prevIterator: string | null; done: boolean } };
  };

  test("rows carry their state over all destinations only when asked; the plain list is unchanged", async () => {
    const plain = await get("limit=250");
    expect(plain.body.data.every((m) => !("deliveryStatus" in m))).toBe(true);
    const withStatus = await get("limit=250&with_delivery_status=true");
    expect(withStatus.body.data.map((m) => m.id)).toEqual(plain.body.data.map((m) => m.id));
    // This app has no endpoints: nothing was sent.
    expect(withStatus.body.data.every((m) => m.deliveryStatus === "none" && m.nextAttempt === null)).toBe(true);
  });

  test("filtered by state, keyset-paged both ways like the plain list", async () => {
    const p1 = await get("limit=2&delivery_status=none&event_types=order.created,order.paid,order.shipped");
    expect(p1.body.data.map((m) => m.id)).toEqual(newestFirst().slice(0, 2));
    const p2 = await get(`limit=2&delivery_status=none&iterator=${p1.body.iterator}`);
    expect(p2.body.data.map((m) => m.id)).toEqual(newestFirst().slice(2, 4));
    const back = await get(`limit=2&delivery_status=none&iterator=${p2.body.prevIterator}`);
    expect(back.body.data.map((m) => m.id)).toEqual(p1.body.data.map((m) => m.id));
    expect((await get("delivery_status=fail,retrying,sending")).body.data).toEqual([]);
  });

  test("an unknown state is a 422 on the parameter", async () => {
    const res = await get("delivery_status=failed");
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ detail: [{ loc: ["query", "delivery_status", "0"] }] });
  });
});

describe("expunging content", () => {
  test("the payload then reads {expired: true} and the message cannot be resent", async () => {
    const ep = await t.svix.endpoint.create(appId, { url: "https://hooks.example.com/never-contacted" });
    const msg = await t.svix.message.create(appId, { eventType: "secret.stuff", payload: { card: "4242" } });
    expect((await t.request(`/api/v1/app/${appId}/msg/${msg.id}/content`, { method: "DELETE" })).status).toBe(204);

    expect((await t.svix.message.get(appId, msg.id, { withContent: true })).payload).toEqual({ expired: true });
    const listed = await t.svix.message.list(appId, { limit: 250, withContent: true, eventTypes: ["secret.stuff"] });
    expect(listed.data.map((m) => m.payload)).toEqual([{ expired: true }]);

    expect(await apiError(t.svix.messageAttempt.resend(appId, msg.id, ep.id))).toEqual({
      code: 400,
      body: { code: "missing_payload", detail: expect.any(String) },
    });
  });

  test("only the org token may expunge", async () => {
    const client = new Svix(await t.core.mintAppToken(appId), { serverUrl: t.url });
    expect((await apiError(client.message.expungeContent(appId, sent[0]!.id))).code).toBe(403);
    expect((await t.svix.message.get(appId, sent[0]!.id, { withContent: true })).payload).toEqual({ n: 0 });
  });
});

test("every response matched the contract", () => {
  expect(t.violations).toEqual([]);
});
