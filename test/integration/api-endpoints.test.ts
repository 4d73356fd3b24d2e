import { Ordering, type EndpointOut } from "svix";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startCore, type TestCore } from "../support/core-server";
import { apiError, locs } from "./api-support";

let t: TestCore;
/** A second core on the same database with an empty allowlist: private targets are refused. */
let strict: TestCore;
let appId: string;

beforeAll(async () => {
  t = await startCore({ dispatch: false });
  strict = await startCore({ database: t.database, allowlist: [], dispatch: false });
  appId = (await t.svix.application.create({ name: "Endpoints", uid: "ep-app" })).id;
});
afterAll(async () => {
  await strict.close();
  await t.close();
});

const URL_OK = "https://hooks.example.com/in";

describe("CRUD", () => {
  test("create, get by id and by uid, delete", async () => {
    const ep = await t.svix.endpoint.create(appId, {
      url: URL_OK,
      uid: "primary",
      description: "Main",
      filterTypes: ["invoice.paid", "invoice.failed"],
      channels: ["eu"],
      throttleRate: 5,
      metadata: { team: "billing" },
    });
    expect(ep.id).toMatch(/^ep_[0-9A-Za-z]{27}$/);
    expect(ep).toMatchObject({
      url: URL_OK,
      uid: "primary",
      description: "Main",
      disabled: false,
      filterTypes: ["invoice.paid", "invoice.failed"],
      channels: ["eu"],
      throttleRate: 5,
      metadata: { team: "billing" },
    });
    expect(await t.svix.endpoint.get(appId, "primary")).toEqual(ep);
    expect(await t.svix.endpoint.get("ep-app", ep.id)).toEqual(ep);

    expect((await t.request(`/api/v1/app/${appId}/endpoint/primary`, { method: "DELETE" })).status).toBe(204);
    expect((await apiError(t.svix.endpoint.get(appId, ep.id))).code).toBe(404);
  });

  test("uids are unique within an app, not across apps", async () => {
    await t.svix.endpoint.create(appId, { url: URL_OK, uid: "shared" });
    expect(await apiError(t.svix.endpoint.create(appId, { url: URL_OK, uid: "shared" }))).toEqual({
      code: 409,
      body: { code: "conflict", detail: expect.any(String) },
    });
    const other = await t.svix.application.create({ name: "Other" });
    expect((await t.svix.endpoint.create(other.id, { url: URL_OK, uid: "shared" })).uid).toBe("shared");
  });

  test("the deprecated filterTypes alias is read and echoed", async () => {
    const res = await t.request(`/api/v1/app/${appId}/endpoint`, {
      method: "POST",
      body: JSON.stringify({ url: URL_OK, filterTypes: ["a.b"] }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ eventTypes: ["a.b"], filterTypes: ["a.b"] });
  });

  test("patch changes what it names; null clears eventTypes, channels, throttleRate, uid", async () => {
    const ep = await t.svix.endpoint.create(appId, {
      url: URL_OK,
      uid: "patchy",
      filterTypes: ["x.y"],
      channels: ["c1", "c2"],
      throttleRate: 9,
    });
    const renamed = await t.svix.endpoint.patch(appId, ep.id, { description: "renamed", metadata: { k: "v" } });
    expect(renamed).toMatchObject({ description: "renamed", filterTypes: ["x.y"], channels: ["c1", "c2"], throttleRate: 9, metadata: { k: "v" } });

    const cleared = await t.svix.endpoint.patch(appId, ep.id, { filterTypes: null, channels: null, throttleRate: null, uid: null });
    expect([cleared.filterTypes, cleared.channels, cleared.throttleRate, cleared.uid].map((v) => v ?? null)).toEqual([null, null, null, null]);
    expect(cleared.description).toBe("renamed");

    const disabled = await t.svix.endpoint.patch(appId, ep.id, { disabled: true });
    expect(disabled.disabled).toBe(true);
  });

  test("PUT by an unknown uid creates (201); PUT again replaces (200)", async () => {
    const path = `/api/v1/app/${appId}/endpoint/upserted`;
    const first = await t.request(path, { method: "PUT", body: JSON.stringify({ url: URL_OK, channels: ["a"], metadata: { m: "1" } }) });
    expect(first.status).toBe(201);
    const made = (await first.json()) as EndpointOut;
    expect(made.uid).toBe("upserted");

    const second = await t.request(path, { method: "PUT", body: JSON.stringify({ url: "https://other.example.com/" }) });
    expect(second.status).toBe(200);
    const replaced = (await second.json()) as EndpointOut;
    expect(replaced).toMatchObject({ id: made.id, uid: "upserted", url: "https://other.example.com/", metadata: {} });
    expect(replaced.channels ?? null).toBeNull();

    const viaSdk = await t.svix.endpoint.update(appId, "upserted", { url: URL_OK, filterTypes: ["e.t"] });
    expect(viaSdk).toMatchObject({ id: made.id, filterTypes: ["e.t"] });
  });
});

describe("list", () => {
  test("newest first by default, paginated; ascending on request", async () => {
    const app = await t.svix.application.create({ name: "Lister" });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await t.svix.endpoint.create(app.id, { url: `${URL_OK}/${i}` })).id);
    // Ids order by creation time only to 4 ms (as Svix's do), so the expectation is the id order.
    made.sort();
    const newestFirst = [...made].reverse();

    const p1 = await t.svix.endpoint.list(app.id, { limit: 2 });
    expect(p1.data.map((e) => e.id)).toEqual(newestFirst.slice(0, 2));
    expect(p1.done).toBe(false);
    const p2 = await t.svix.endpoint.list(app.id, { limit: 2, iterator: p1.iterator });
    expect(p2.data.map((e) => e.id)).toEqual(newestFirst.slice(2, 4));
    const p3 = await t.svix.endpoint.list(app.id, { limit: 2, iterator: p2.iterator });
    expect(p3.data.map((e) => e.id)).toEqual(newestFirst.slice(4));
    expect(p3.done).toBe(true);
    const back = await t.svix.endpoint.list(app.id, { limit: 2, iterator: p3.prevIterator });
    expect(back.data.map((e) => e.id)).toEqual(newestFirst.slice(2, 4));

    const asc = await t.svix.endpoint.list(app.id, { order: Ordering.Ascending });
    expect(asc.data.map((e) => e.id)).toEqual(made);
  });

  test("with_health (Porthole's extension) adds each endpoint's health; the SDK's list is unchanged", async () => {
    const app = await t.svix.application.create({ name: "Health" });
    const on = await t.svix.endpoint.create(app.id, { url: `${URL_OK}/on` });
    const off = await t.svix.endpoint.create(app.id, { url: `${URL_OK}/off`, disabled: true });
    const res = await t.request(`/api/v1/app/${app.id}/endpoint?with_health=true`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { id: string; health: Record<string, unknown> }[] };
    const health = Object.fromEntries(body.data.map((e) => [e.id, e.health]));
    const quiet = { since: expect.any(String), success: 0, fail: 0, sending: 0, lastAttempt: null, failingSince: null };
    expect(health[on.id]).toEqual({ ...quiet, disabledReason: null });
    expect(health[off.id]).toEqual({ ...quiet, disabledReason: "manual" });
    const plain = (await (await t.request(`/api/v1/app/${app.id}/endpoint`)).json()) as { data: object[] };
    expect(plain.data.every((e) => !("health" in e))).toBe(true);
  });
});

describe("validation", () => {
  test("private and loopback URLs are refused when not allowlisted", async () => {
    for (const url of ["http://127.0.0.1/x", "http://10.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://localhost:8080/"]) {
      const failure = await apiError(strict.svix.endpoint.create(appId, { url }));
      expect({ url, code: failure.code, locs: locs(failure.body) }).toEqual({ url, code: 422, locs: ["body.url"] });
    }
    const ep = await strict.svix.endpoint.create(appId, { url: URL_OK });
    expect((await apiError(strict.svix.endpoint.patch(appId, ep.id, { url: "http://192.168.1.1/" }))).code).toBe(422);
    // Public IPv6 literals are fine.
    expect((await strict.svix.endpoint.create(appId, { url: "https://[2606:4700:4700::1111]/hook" })).url).toBe(
      "https://[2606:4700:4700::1111]/hook",
    );
  });

  test("non-http URLs, empty filterTypes and bad channels are 422s", async () => {
    expect(locs((await apiError(t.svix.endpoint.create(appId, { url: "ftp://example.com/" }))).body)).toEqual(["body.url"]);
    expect(locs((await apiError(t.svix.endpoint.create(appId, { url: URL_OK, filterTypes: [] }))).body)).toEqual(["body.filterTypes"]);
    expect((await apiError(t.svix.endpoint.create(appId, { url: URL_OK, channels: ["bad channel"] }))).code).toBe(422);
    expect((await apiError(t.svix.endpoint.create(appId, { url: URL_OK, uid: "ep_lookalike" }))).code).toBe(422);
  });
});

describe("secret", () => {
  test("generated as whsec_ + 32 base64 chars; rotate replaces it; a custom key is taken", async () => {
    const ep = await t.svix.endpoint.create(appId, { url: URL_OK });
    const { key } = await t.svix.endpoint.getSecret(appId, ep.id);
    expect(key).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);

    await t.svix.endpoint.rotateSecret(appId, ep.id, {});
    const rotated = (await t.svix.endpoint.getSecret(appId, ep.id)).key;
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(key);

    const custom = "whsec_" + Buffer.alloc(24, 7).toString("base64");
    await t.svix.endpoint.rotateSecret(appId, ep.id, { key: custom });
    expect((await t.svix.endpoint.getSecret(appId, ep.id)).key).toBe(custom);

    const bad = await apiError(t.svix.endpoint.rotateSecret(appId, ep.id, { key: "too-short" }));
    expect(bad.code).toBe(422);
    // A truncated body must not rotate to a random secret behind the caller's back.
    const truncated = await t.request(`/api/v1/app/${appId}/endpoint/${ep.id}/secret/rotate`, { method: "POST", body: '{"key": "whsec_' });
    expect(truncated.status).toBe(422);
    expect((await t.svix.endpoint.getSecret(appId, ep.id)).key).toBe(custom);
    // No body at all is fine.
    expect((await t.request(`/api/v1/app/${appId}/endpoint/${ep.id}/secret/rotate`, { method: "POST" })).status).toBe(204);
    expect((await t.svix.endpoint.getSecret(appId, ep.id)).key).not.toBe(custom);
  });

  test("a secret given at creation is kept (prefix added when missing)", async () => {
    const raw = Buffer.alloc(24, 3).toString("base64");
    const ep = await t.svix.endpoint.create(appId, { url: URL_OK, secret: raw });
    expect((await t.svix.endpoint.getSecret(appId, ep.id)).key).toBe(`whsec_${raw}`);
  });

  test("more than 10 previous secrets in their grace period is a 400 limit_reached", async () => {
    const ep = await t.svix.endpoint.create(appId, { url: URL_OK });
    for (let i = 0; i < 10; i++) await t.svix.endpoint.rotateSecret(appId, ep.id, {});
    const before = (await t.svix.endpoint.getSecret(appId, ep.id)).key;
    expect(await apiError(t.svix.endpoint.rotateSecret(appId, ep.id, {}))).toEqual({
      code: 400,
      body: { code: "limit_reached", detail: expect.any(String) },
    });
    expect((await t.svix.endpoint.getSecret(appId, ep.id)).key).toBe(before);

    // Without a grace period the old secret is dropped at once, so no limit applies.
    const quick = await t.svix.endpoint.create(appId, { url: URL_OK });
    for (let i = 0; i < 12; i++) await t.svix.endpoint.rotateSecret(appId, quick.id, { gracePeriodSeconds: 0 });
  });
});

describe("headers", () => {
  test("set, get (sensitive values withheld), patch", async () => {
    const ep = await t.svix.endpoint.create(appId, { url: URL_OK });
    await t.svix.endpoint.updateHeaders(appId, ep.id, { headers: { "X-Tenant": "acme", Authorization: "Bearer s3cret" } });
    const got = await t.svix.endpoint.getHeaders(appId, ep.id);
    expect(got).toEqual({ headers: { "x-tenant": "acme" }, sensitive: ["authorization"] });
    expect(JSON.stringify(got)).not.toContain("s3cret");

    await t.svix.endpoint.patchHeaders(appId, ep.id, { headers: { "X-Region": "eu" }, deleteHeaders: ["X-Tenant"] });
    expect(await t.svix.endpoint.getHeaders(appId, ep.id)).toEqual({ headers: { "x-region": "eu" }, sensitive: ["authorization"] });

    // svix-server's own form of deletion: a null value.
    const res = await t.request(`/api/v1/app/${appId}/endpoint/${ep.id}/headers`, {
      method: "PATCH",
      body: JSON.stringify({ headers: { authorization: null } }),
    });
    expect(res.status).toBe(204);
    expect(await t.svix.endpoint.getHeaders(appId, ep.id)).toEqual({ headers: { "x-region": "eu" }, sensitive: [] });

    // Set replaces the whole map.
    await t.svix.endpoint.updateHeaders(appId, ep.id, { headers: { "X-Only": "1" } });
    expect((await t.svix.endpoint.getHeaders(appId, ep.id)).headers).toEqual({ "x-only": "1" });
  });

  test("headers given at creation are stored", async () => {
    const ep = await t.svix.endpoint.create(appId, { url: URL_OK, headers: { "X-From-Create": "yes" } });
    expect((await t.svix.endpoint.getHeaders(appId, ep.id)).headers).toEqual({ "x-from-create": "yes" });
  });

  test("reserved header names are refused with 422", async () => {
    const ep = await t.svix.endpoint.create(appId, { url: URL_OK });
    for (const name of ["Content-Type", "user-agent", "svix-id", "X-Svix-Custom", "webhook-signature", "Host"]) {
      const failure = await apiError(t.svix.endpoint.updateHeaders(appId, ep.id, { headers: { [name]: "x" } }));
      expect({ name, code: failure.code }).toEqual({ name, code: 422 });
    }
    expect((await apiError(t.svix.endpoint.patchHeaders(appId, ep.id, { headers: { "content-length": "1" } }))).code).toBe(422);
    expect((await t.svix.endpoint.getHeaders(appId, ep.id)).headers).toEqual({});
  });
});

test("every response matched the contract", () => {
  expect(t.violations).toEqual([]);
  expect(strict.violations).toEqual([]);
});
