import { Svix } from "svix";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startCore, type TestCore } from "../support/core-server";
import { apiError, locs } from "./api-support";

let t: TestCore;
let appId: string;

const invoiceSchema = {
  "1": { type: "object", properties: { id: { type: "string" } }, examples: [{ id: "inv_1" }] },
};

beforeAll(async () => {
  t = await startCore({ dispatch: false });
  appId = (await t.svix.application.create({ name: "Viewer" })).id;
});
afterAll(() => t.close());

const names = (list: { data: { name: string }[] }) => list.data.map((e) => e.name);

describe("create and get", () => {
  test("create answers 201 with the schemas; get returns them", async () => {
    const res = await t.request("/api/v1/event-type", {
      method: "POST",
      body: JSON.stringify({ name: "invoice.paid", description: "An invoice was paid", schemas: invoiceSchema }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: "invoice.paid", archived: false, deprecated: false, schemas: invoiceSchema });

    const got = await t.svix.eventType.get("invoice.paid");
    expect(got).toMatchObject({ name: "invoice.paid", description: "An invoice was paid", schemas: invoiceSchema });
    expect(got.createdAt).toBeInstanceOf(Date);
  });

  test("creating a live name again is a 409 event_type_exists", async () => {
    await t.svix.eventType.create({ name: "user.created", description: "first" });
    expect(await apiError(t.svix.eventType.create({ name: "user.created", description: "second" }))).toEqual({
      code: 409,
      body: { code: "event_type_exists", detail: expect.any(String) },
    });
    expect((await t.svix.eventType.get("user.created")).description).toBe("first");
  });

  test("bad names are a 422; unknown names a 404", async () => {
    const bad = await apiError(t.svix.eventType.create({ name: "has space", description: "x" }));
    expect(bad.code).toBe(422);
    expect(locs(bad.body)).toEqual(["body.name"]);
    expect((await apiError(t.svix.eventType.get("no.such.type"))).code).toBe(404);
  });
});

test("a schema comes back with its properties in the order they were written (the catalog shows them so)", async () => {
  // jsonb would hand these back sorted by key length: id, lines, amount, currency.
  const schemas = {
    "1": { type: "object", properties: { currency: { type: "string" }, id: { type: "string" }, amount: { type: "integer" }, lines: { type: "array" } } },
    "2": { type: "object", properties: { status: { type: "string" }, id: { type: "string" } }, examples: [{ status: "paid", id: "in_2" }] },
  };
  await t.svix.eventType.create({ name: "order.keys", description: "Key order", schemas });
  const got = await t.svix.eventType.get("order.keys");
  expect(Object.keys((got.schemas as typeof schemas)["1"].properties)).toEqual(["currency", "id", "amount", "lines"]);
  expect(JSON.stringify(got.schemas)).toBe(JSON.stringify(schemas));
});

describe("list", () => {
  beforeAll(async () => {
    for (const name of ["list.c", "list.a", "list.e", "list.b", "list.d"]) {
      await t.svix.eventType.create({ name, description: name, schemas: invoiceSchema });
    }
  });

  test("sorted by name; the iterator is the last name; prevIterator walks back", async () => {
    const all = names(await t.svix.eventType.list({ limit: 250 }));
    expect(all).toEqual([...all].sort());
    const from = all.indexOf("list.a");

    const p1 = await t.svix.eventType.list({ limit: 2, iterator: all[from - 1] });
    expect(names(p1)).toEqual(["list.a", "list.b"]);
    expect(p1.iterator).toBe("list.b");
    expect(p1.done).toBe(false);

    const p2 = await t.svix.eventType.list({ limit: 2, iterator: p1.iterator });
    expect(names(p2)).toEqual(["list.c", "list.d"]);
    const back = await t.svix.eventType.list({ limit: 2, iterator: p2.prevIterator });
    expect(names(back)).toEqual(["list.a", "list.b"]);
  });

  test("schemas only with withContent", async () => {
    const without = await t.svix.eventType.list({ limit: 250 });
    expect(without.data.every((e) => e.schemas === null || e.schemas === undefined)).toBe(true);
    const withContent = await t.svix.eventType.list({ limit: 250, withContent: true });
    expect(withContent.data.find((e) => e.name === "list.a")?.schemas).toEqual(invoiceSchema);
  });
});

describe("archive, recreate, expunge, upsert, patch", () => {
  test("delete archives: hidden from the list unless includeArchived; get still works", async () => {
    await t.svix.eventType.create({ name: "old.thing", description: "old" });
    await t.svix.eventType.delete("old.thing");
    expect(names(await t.svix.eventType.list({ limit: 250 }))).not.toContain("old.thing");
    const archived = await t.svix.eventType.list({ limit: 250, includeArchived: true });
    expect(archived.data.find((e) => e.name === "old.thing")?.archived).toBe(true);
    expect((await t.svix.eventType.get("old.thing")).archived).toBe(true);
  });

  test("creating an archived name brings it back with the new definition", async () => {
    await t.svix.eventType.create({ name: "phoenix", description: "v1" });
    await t.svix.eventType.delete("phoenix");
    const again = await t.svix.eventType.create({ name: "phoenix", description: "v2" });
    expect(again).toMatchObject({ name: "phoenix", description: "v2", archived: false });
    expect(names(await t.svix.eventType.list({ limit: 250 }))).toContain("phoenix");
  });

  test("expunge deletes for good", async () => {
    await t.svix.eventType.create({ name: "gone.for.good", description: "x" });
    await t.svix.eventType.delete("gone.for.good", { expunge: true });
    expect((await apiError(t.svix.eventType.get("gone.for.good"))).code).toBe(404);
    expect(names(await t.svix.eventType.list({ limit: 250, includeArchived: true }))).not.toContain("gone.for.good");
    expect((await apiError(t.svix.eventType.delete("gone.for.good"))).code).toBe(404);
  });

  test("PUT creates (201) then replaces (200)", async () => {
    const put = (body: object) => t.request("/api/v1/event-type/upserted.type", { method: "PUT", body: JSON.stringify(body) });
    expect((await put({ description: "made" })).status).toBe(201);
    expect((await put({ description: "replaced", deprecated: true })).status).toBe(200);
    const viaSdk = await t.svix.eventType.update("upserted.type", { description: "sdk", schemas: invoiceSchema });
    expect(viaSdk).toMatchObject({ description: "sdk", deprecated: false, schemas: invoiceSchema });
  });

  test("patch changes only what it names", async () => {
    await t.svix.eventType.create({ name: "patch.me", description: "before", schemas: invoiceSchema });
    const patched = await t.svix.eventType.patch("patch.me", { deprecated: true });
    expect(patched).toMatchObject({ description: "before", deprecated: true, schemas: invoiceSchema });
    const cleared = await t.svix.eventType.patch("patch.me", { schemas: null, description: "after" });
    expect(cleared).toMatchObject({ description: "after", deprecated: true });
    expect(cleared.schemas ?? null).toBeNull();
    expect((await apiError(t.svix.eventType.patch("no.such.type", { deprecated: true }))).code).toBe(404);
  });
});

describe("feature flags and app tokens", () => {
  beforeAll(async () => {
    await t.svix.eventType.create({ name: "flag.beta", description: "beta only", featureFlags: ["beta"] });
    await t.svix.eventType.create({ name: "flag.public", description: "everyone" });
  });

  test("the flag round-trips in both forms", async () => {
    const got = await t.svix.eventType.get("flag.beta");
    expect(got.featureFlags).toEqual(["beta"]);
    expect(got.featureFlag).toBe("beta");
    const res = await t.request("/api/v1/event-type", {
      method: "POST",
      body: JSON.stringify({ name: "flag.two", description: "x", featureFlags: ["a", "b"] }),
    });
    expect(res.status).toBe(422);
  });

  test("an app token without the flag cannot see the flagged type", async () => {
    const client = new Svix(await t.core.mintAppToken(appId), { serverUrl: t.url });
    const visible = names(await client.eventType.list({ limit: 250 }));
    expect(visible).toContain("flag.public");
    expect(visible).not.toContain("flag.beta");
    expect((await apiError(client.eventType.get("flag.beta"))).code).toBe(404);
  });

  test("an app token carrying the flag sees it (minted in-process or through app-portal-access)", async () => {
    const minted = new Svix(await t.core.mintAppToken(appId, { featureFlags: ["beta"] }), { serverUrl: t.url });
    expect(names(await minted.eventType.list({ limit: 250 }))).toContain("flag.beta");
    expect((await minted.eventType.get("flag.beta")).name).toBe("flag.beta");

    const { token } = await t.svix.authentication.appPortalAccess(appId, { featureFlags: ["beta"] });
    const portal = new Svix(token, { serverUrl: t.url });
    expect(names(await portal.eventType.list({ limit: 250 }))).toContain("flag.beta");
  });

  test("app tokens get 403 on every write", async () => {
    const client = new Svix(await t.core.mintAppToken(appId), { serverUrl: t.url });
    expect((await apiError(client.eventType.create({ name: "sneaky", description: "x" }))).code).toBe(403);
    expect((await apiError(client.eventType.update("flag.public", { description: "x" }))).code).toBe(403);
    expect((await apiError(client.eventType.patch("flag.public", { description: "x" }))).code).toBe(403);
    expect((await apiError(client.eventType.delete("flag.public"))).code).toBe(403);
    expect((await t.svix.eventType.get("flag.public")).description).toBe("everyone");
    expect((await apiError(t.svix.eventType.get("sneaky"))).code).toBe(404);
  });
});

test("every response matched the contract", () => {
  expect(t.violations).toEqual([]);
});
