import { afterAll, beforeAll, expect, test } from "vitest";
import { POST as mint } from "@/app/api/v1/auth/app-portal-access/[appId]/route";
import { GET as getSession } from "@/app/api/portal/session/route";
import { ADMIN_ROUTES, type AdminRoute } from "../support/admin-routes";
import { ORG_TOKEN } from "../support/core-server";
import { startPortal, type TestPortal } from "../support/portal";

let p: TestPortal;
let a: string;
let b: string;
let appTokenA: string;
let appTokenB: string;
let portalTokenA: string;
let sessionB: string;

function send(route: AdminRoute, appId: string, token: string | null): Promise<Response> {
  return p.call(route.handler, { method: route.method, path: route.path(appId), params: route.params(appId) as never, token, body: route.body });
}

const byName = (name: string) => ADMIN_ROUTES.find((r) => r.name === name)!;

async function adminGet(sub: string, appId: string): Promise<unknown> {
  const res = await send(byName(`GET /api/admin/apps/{appId}/${sub}`), appId, ORG_TOKEN);
  expect(res.status).toBe(200);
  return res.json();
}

/** Everything stored for an app, as the admin API reports it (stored values, not inherited ones). */
async function snapshot(appId: string) {
  const origins = (await adminGet("embed-origins", appId)) as { origins: unknown };
  const branding = (await adminGet("branding", appId)) as { branding: unknown };
  const limits = (await adminGet("limits", appId)) as { stored: unknown };
  return {
    members: await adminGet("members", appId),
    origins: origins.origins,
    branding: branding.branding,
    limits: limits.stored,
    audit: await adminGet("audit", appId),
  };
}

async function appToken(appId: string): Promise<string> {
  const res = await p.call(mint, { method: "POST", params: { appId }, token: ORG_TOKEN, body: {} });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
  p = await startPortal();
  a = (await p.svix.application.create({ name: "Alpha", uid: "alpha" })).id;
  b = (await p.svix.application.create({ name: "Beta", uid: "beta" })).id;
  appTokenA = await appToken(a);
  appTokenB = await appToken(b);
  portalTokenA = (await p.session(a)).accessToken;
  sessionB = (await p.session(b, { sessionId: "grp-b" })).accessToken;

  const seed = async (name: string, appId: string, body?: unknown, extra: Record<string, string> = {}) => {
    const route = byName(name);
    const res = await p.call(route.handler, { method: route.method, params: { ...route.params(appId), ...extra } as never, token: ORG_TOKEN, body });
    expect(res.status).toBeLessThan(300);
  };
  await seed("PUT /api/admin/apps/{appId}/members/someone@example.com", b, { capabilities: ["ViewBase", "ManageEndpoint"] });
  await seed("PUT /api/admin/apps/{appId}/members/someone@example.com", b, {}, { email: "only-b@example.com" });
  await seed("PUT /api/admin/apps/{appId}/embed-origins", b, { origins: ["https://beta.example"] });
  await seed("PUT /api/admin/apps/{appId}/branding", b, { name: "Beta Co", primaryColor: "#00aa00" });
  await seed("PUT /api/admin/apps/{appId}/limits", b, { maxEndpoints: 7, maxBulkTasks: 70 });
});
afterAll(() => p.close());

test("the table covers every admin route", () => {
  expect(ADMIN_ROUTES.map((r) => r.name).sort()).toMatchInlineSnapshot(`
    [
      "DELETE /api/admin/apps/{appId}/members/someone@example.com",
      "GET /api/admin/apps/{appId}/audit",
      "GET /api/admin/apps/{appId}/branding",
      "GET /api/admin/apps/{appId}/embed-origins",
      "GET /api/admin/apps/{appId}/limits",
      "GET /api/admin/apps/{appId}/members",
      "GET /api/admin/branding",
      "GET /api/admin/embed-origins",
      "POST /api/admin/apps/{appId}/sessions/revoke",
      "PUT /api/admin/apps/{appId}/branding",
      "PUT /api/admin/apps/{appId}/embed-origins",
      "PUT /api/admin/apps/{appId}/limits",
      "PUT /api/admin/apps/{appId}/members/someone@example.com",
      "PUT /api/admin/branding",
      "PUT /api/admin/embed-origins",
    ]
  `);
});

test.each(ADMIN_ROUTES)("$name refuses anything but the org token, and changes nothing", async (route) => {
  const before = { a: await snapshot(a), b: await snapshot(b) };
  const refusals: [string, string | null][] = [
    ["no token", null],
    ["garbage", "not-a-token"],
    ["app A's core token", appTokenA],
    ["app B's core token", appTokenB],
    ["a portal access token", portalTokenA],
  ];
  for (const [label, token] of refusals) {
    const res = await send(route, a, token);
    expect([401, 403], `${label} → ${res.status}`).toContain(res.status);
    const body = (await res.json()) as { error: { code: string } };
    expect(["unauthorized", "forbidden"]).toContain(body.error.code);
  }
  // Garbage and a missing token are an authentication failure, not a permission one.
  expect((await send(route, a, null)).status).toBe(401);
  expect((await send(route, a, "not-a-token")).status).toBe(401);
  expect({ a: await snapshot(a), b: await snapshot(b) }).toEqual(before);
  expect((await p.call(getSession, { token: sessionB })).status).toBe(200);
});

test.each(ADMIN_ROUTES.filter((r) => r.scope === "app"))("$name: an unknown application is 404", async (route) => {
  for (const unknown of ["app_2pZzzzzzzzzzzzzzzzzzzzzzzzz", "no-such-uid"]) {
    const res = await send(route, unknown, ORG_TOKEN);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "Application not found" } });
  }
});

test("every app route on A's path leaves B as it was", async () => {
  const before = await snapshot(b);
  for (const route of ADMIN_ROUTES.filter((r) => r.scope === "app")) {
    for (const path of [a, "alpha"]) {
      const res = await send(route, path, ORG_TOKEN);
      expect(res.status, route.name).toBeLessThan(300);
    }
  }
  expect(await snapshot(b)).toEqual(before);
  // Revoking all of A's sessions did not touch B's.
  expect((await p.call(getSession, { token: sessionB })).status).toBe(200);
  expect((await p.call(getSession, { token: portalTokenA })).status).toBe(401);
});

test("reads on A's path show nothing of B", async () => {
  const members = (await adminGet("members", a)) as { data: { email: string }[] };
  expect(members.data.map((m) => m.email)).not.toContain("only-b@example.com");
  const origins = (await adminGet("embed-origins", a)) as { effective: string[] };
  expect(origins.effective).not.toContain("https://beta.example");
  const branding = (await adminGet("branding", a)) as { effective: { name?: string } };
  expect(branding.effective.name).not.toBe("Beta Co");
  const audit = (await adminGet("audit", a)) as { data: { target: string | null }[] };
  expect(audit.data.length).toBeGreaterThan(0);
  expect(audit.data.map((e) => e.target)).not.toContain("only-b@example.com");
});
