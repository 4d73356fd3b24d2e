import { Ordering, type ApplicationOut } from "svix";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startCore, type TestCore } from "../support/core-server";
import { apiError, locs } from "./api-support";

let t: TestCore;
/** The first apps of the database, in id order (ids only order by time to 4 ms, so not by creation). */
let created: ApplicationOut[] = [];

beforeAll(async () => {
  t = await startCore({ dispatch: false });
  for (let i = 0; i < 7; i++) created.push(await t.svix.application.create({ name: `App ${i}`, uid: `page-${i}` }));
  created = created.sort((a, b) => (a.id < b.id ? -1 : 1));
  // Apps made later by other tests must sort after these, so let the 4 ms id resolution pass.
  await new Promise((r) => setTimeout(r, 10));
});
afterAll(() => t.close());

describe("create and get", () => {
  test("create returns the app, get finds it by id and by uid", async () => {
    const app = await t.svix.application.create({ name: "Acme", uid: "acme", throttleRate: 7, metadata: { plan: "pro" } });
    expect(app.id).toMatch(/^app_[0-9A-Za-z]{27}$/);
    expect(app).toMatchObject({ name: "Acme", uid: "acme", throttleRate: 7, metadata: { plan: "pro" } });
    expect(app.createdAt).toBeInstanceOf(Date);

    expect(await t.svix.application.get(app.id)).toEqual(app);
    expect(await t.svix.application.get("acme")).toEqual(app);
  });

  test("metadata defaults to {} and uid to null", async () => {
    const app = await t.svix.application.create({ name: "Plain" });
    expect(app.metadata).toEqual({});
    expect(app.uid ?? null).toBeNull();
  });

  test("a duplicate uid is a 409 conflict", async () => {
    await t.svix.application.create({ name: "One", uid: "dup" });
    expect(await apiError(t.svix.application.create({ name: "Two", uid: "dup" }))).toEqual({
      code: 409,
      body: { code: "conflict", detail: expect.any(String) },
    });
  });

  test("getOrCreate returns the existing app (200) or creates it", async () => {
    const first = await t.svix.application.getOrCreate({ name: "Lazy", uid: "lazy" });
    const again = await t.svix.application.getOrCreate({ name: "Other name", uid: "lazy" });
    expect(again.id).toBe(first.id);
    expect(again.name).toBe("Lazy");
    const raw = await t.request("/api/v1/app?get_if_exists=true", { method: "POST", body: JSON.stringify({ name: "x", uid: "lazy" }) });
    expect(raw.status).toBe(200);
  });

  test("bad input is a 422 with the field's loc", async () => {
    const empty = await apiError(t.svix.application.create({ name: "" }));
    expect(empty.code).toBe(422);
    expect(locs(empty.body)).toEqual(["body.name"]);

    const badChars = await apiError(t.svix.application.create({ name: "n", uid: "has space!" }));
    expect(badChars.code).toBe(422);
    expect(locs(badChars.body)).toEqual(["body.uid"]);

    const prefixed = await apiError(t.svix.application.create({ name: "n", uid: "app_lookalike" }));
    expect(prefixed.code).toBe(422);
    expect(locs(prefixed.body)).toEqual(["body.uid"]);

    const zeroThrottle = await apiError(t.svix.application.create({ name: "n", throttleRate: 0 }));
    expect(locs(zeroThrottle.body)).toEqual(["body.throttleRate"]);
  });
});

describe("list", () => {
  test("defaults to ascending by id; order=descending reverses", async () => {
    const all = await t.svix.application.list({ limit: 250 });
    const ids = all.data.map((a) => a.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids.slice(0, 7)).toEqual(created.map((a) => a.id));
    expect(all.done).toBe(true);

    const desc = await t.svix.application.list({ limit: 250, order: Ordering.Descending });
    expect(desc.data.map((a) => a.id)).toEqual([...ids].reverse());
  });

  test("limit and iterator walk forward; prevIterator walks back", async () => {
    const p1 = await t.svix.application.list({ limit: 3 });
    const uids = created.map((a) => a.uid);
    expect(p1.data.map((a) => a.uid)).toEqual(uids.slice(0, 3));
    expect(p1.done).toBe(false);
    expect(p1.iterator).toBe(created[2]!.id);
    expect(p1.prevIterator).toBe(`-${created[0]!.id}`);

    const p2 = await t.svix.application.list({ limit: 3, iterator: p1.iterator });
    expect(p2.data.map((a) => a.uid)).toEqual(uids.slice(3, 6));

    // Walking back from page 2 gives page 1 again, still in ascending order.
    const back = await t.svix.application.list({ limit: 3, iterator: p2.prevIterator });
    expect(back.data.map((a) => a.id)).toEqual(p1.data.map((a) => a.id));

    const descending = await t.svix.application.list({ limit: 2, order: Ordering.Descending, iterator: created[3]!.id });
    expect(descending.data.map((a) => a.uid)).toEqual([uids[2], uids[1]]);
  });

  test("the last page is done; walking every page visits every app once", async () => {
    const seen: string[] = [];
    let iterator: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const page = await t.svix.application.list({ limit: 2, iterator });
      seen.push(...page.data.map((a) => a.id));
      iterator = page.iterator;
      if (page.done) break;
    }
    const all = await t.svix.application.list({ limit: 250 });
    expect(seen).toEqual(all.data.map((a) => a.id));
  });

  test("limit above 250 is a 422 on query.limit", async () => {
    const res = await t.request("/api/v1/app?limit=251");
    expect(res.status).toBe(422);
    expect(locs(await res.json())).toEqual(["query.limit"]);
  });
});

describe("upsert, patch, delete", () => {
  test("PUT by an unknown uid creates (201), then updates (200)", async () => {
    const put = (body: object) => t.request("/api/v1/app/upserted", { method: "PUT", body: JSON.stringify(body) });
    const first = await put({ name: "Upserted", metadata: { a: "1" } });
    expect(first.status).toBe(201);
    const made = (await first.json()) as { id: string; uid: string };
    expect(made.uid).toBe("upserted");

    const second = await put({ name: "Renamed" });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ id: made.id, name: "Renamed", uid: "upserted", metadata: {} });

    const viaSdk = await t.svix.application.update("upserted", { name: "Via SDK", throttleRate: 3 });
    expect(viaSdk).toMatchObject({ id: made.id, name: "Via SDK", throttleRate: 3 });
  });

  test("PUT of an unknown id is a 404 (ids are never chosen by clients)", async () => {
    const code = (await apiError(t.svix.application.update("app_2ZZZZZZZZZZZZZZZZZZZZZZZZZZ", { name: "x" }))).code;
    expect(code).toBe(404);
  });

  test("patch changes only what it names; null clears throttleRate", async () => {
    const app = await t.svix.application.create({ name: "Patchy", throttleRate: 10, metadata: { k: "v" } });
    const renamed = await t.svix.application.patch(app.id, { name: "Patched" });
    expect(renamed).toMatchObject({ name: "Patched", throttleRate: 10, metadata: { k: "v" } });
    expect(renamed.updatedAt.getTime()).toBeGreaterThanOrEqual(app.updatedAt.getTime());

    const cleared = await t.svix.application.patch(app.id, { throttleRate: null });
    expect(cleared.throttleRate ?? null).toBeNull();
    expect(cleared.name).toBe("Patched");
  });

  test("patching a uid onto another app's uid is a 409", async () => {
    const a = await t.svix.application.create({ name: "A", uid: "taken-uid" });
    const b = await t.svix.application.create({ name: "B" });
    expect((await apiError(t.svix.application.patch(b.id, { uid: "taken-uid" }))).code).toBe(409);
    // Re-stating its own uid is not a conflict.
    expect((await t.svix.application.patch(a.id, { uid: "taken-uid" })).uid).toBe("taken-uid");
  });

  test("delete answers 204, then the app is gone (404)", async () => {
    const app = await t.svix.application.create({ name: "Doomed", uid: "doomed" });
    const res = await t.request(`/api/v1/app/${app.id}`, { method: "DELETE" });
    expect(res.status).toBe(204);
    expect((await apiError(t.svix.application.get(app.id))).code).toBe(404);
    expect((await apiError(t.svix.application.get("doomed"))).code).toBe(404);
    expect((await apiError(t.svix.application.delete(app.id))).code).toBe(404);
    // The uid is free again.
    expect((await t.svix.application.create({ name: "Reborn", uid: "doomed" })).uid).toBe("doomed");
  });
});

test("every response matched the contract", () => {
  expect(t.violations).toEqual([]);
});
