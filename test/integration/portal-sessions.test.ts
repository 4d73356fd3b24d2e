import { eq } from "drizzle-orm";
import { AppPortalCapability, Svix } from "svix";
import { afterAll, beforeAll, expect, test } from "vitest";
import { hashToken } from "@/lib/crypto";
import { portalSessions, portalTickets } from "@/lib/db/schema";
import { signSessionToken } from "@/lib/session/access-token";
import { POST as mint } from "@/app/api/v1/auth/app-portal-access/[appId]/route";
import { GET as getSession } from "@/app/api/portal/session/route";
import { POST as exchange } from "@/app/api/portal/session/exchange/route";
import { POST as refresh } from "@/app/api/portal/session/refresh/route";
import { POST as logout } from "@/app/api/portal/session/logout/route";
import { ORG_TOKEN } from "../support/core-server";
import { PORTAL_ORIGIN, PORTAL_URL, startPortal, type TestPortal } from "../support/portal";

let p: TestPortal;
let appId: string;
beforeAll(async () => {
  p = await startPortal();
  appId = (await p.svix.application.create({ name: "Acme", uid: "acme" })).id;
});
afterAll(() => p.close());

test("app-portal-access answers Svix's {url, token} with a one-time ticket in the fragment", async () => {
  const res = await p.call(mint, { method: "POST", params: { appId: "acme" }, token: ORG_TOKEN, body: { readOnly: true } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { url: string; token: string };
  expect(body.url).toMatch(new RegExp(`^http://localhost:3000/embed/${appId}#ticket=[A-Za-z0-9_-]{40,}$`));
  expect(body.token.split(".")).toHaveLength(3);
});

test("the ticket opens a session once; reuse and tampering fail with 401 and change nothing", async () => {
  const res = await p.call(mint, { method: "POST", params: { appId }, token: ORG_TOKEN, body: {} });
  const ticket = new URL(((await res.json()) as { url: string }).url).hash.slice("#ticket=".length);
  const first = await p.call(exchange, { method: "POST", body: { ticket, appId } });
  expect(first.status).toBe(200);
  const again = await p.call(exchange, { method: "POST", body: { ticket, appId } });
  expect(again.status).toBe(401);
  const tampered = await p.call(exchange, { method: "POST", body: { ticket: ticket.slice(0, -2) + "xx", appId } });
  expect(tampered.status).toBe(401);
  expect(((await tampered.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
});

test("a session sees its app and capabilities; refresh rotates; logout ends it", async () => {
  const s = await p.session(appId, { capabilities: ["ViewBase", "ManageEndpoint"] });
  expect(s.body.session.capabilities).toEqual(["ViewBase", "ManageEndpoint"]);
  const info = await p.call(getSession, { token: s.accessToken });
  expect(info.status).toBe(200);

  const headers = p.refreshHeaders(appId, s.refreshCookie);
  // Without the CSRF header the cookie is not honoured.
  expect((await p.call(refresh, { method: "POST", headers: { cookie: headers.cookie!, origin: PORTAL_ORIGIN }, body: { appId } })).status).toBe(403);
  const r1 = await p.call(refresh, { method: "POST", headers, body: { appId } });
  expect(r1.status).toBe(200);
  const renewed = /__Host-porthole-refresh-app_\w+=([^;]+)/.exec(r1.headers.get("set-cookie") ?? "")![1]!;
  expect(renewed).not.toBe(s.refreshCookie);

  const out = await p.call(logout, { method: "POST", token: s.accessToken });
  expect(out.status).toBe(204);
  expect(out.headers.getSetCookie()).toContain(`__Host-porthole-refresh-${appId}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=None; Partitioned`);
  expect((await p.call(getSession, { token: s.accessToken })).status).toBe(401);
  // Logged out, the renewed secret is dead too.
  expect((await p.call(refresh, { method: "POST", headers: p.refreshHeaders(appId, renewed), body: { appId } })).status).toBe(401);
});

test("a wrong org token is refused with Svix's 401 and no ticket", async () => {
  const res = await p.call(mint, { method: "POST", params: { appId }, token: "nope", body: {} });
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ code: "authentication_failed" });
});

test("svix.authentication.appPortalAccess() from the official SDK works against Porthole unchanged", async () => {
  const sdk = new Svix(ORG_TOKEN, {
    serverUrl: PORTAL_URL,
    // Next.js routes this path to the portal's own handler; here we hand the SDK's request to it.
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      const appIdOrUid = decodeURIComponent(new URL(req.url).pathname.split("/").pop()!);
      return mint(req, { params: Promise.resolve({ appId: appIdOrUid }) });
    }) as typeof fetch,
  });
  const access = await sdk.authentication.appPortalAccess("acme", { capabilities: [AppPortalCapability.ViewBase], expiry: 3600 });
  expect(access.url).toMatch(new RegExp(`/embed/${appId}#ticket=`));
  const ticket = new URL(access.url).hash.slice("#ticket=".length);
  const res = await p.call(exchange, { method: "POST", body: { ticket, appId } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { session: { capabilities: string[]; expiresAt: string } };
  expect(body.session.capabilities).toEqual(["ViewBase"]);
  // The session lasts what the link asked for (an hour), not the 7-day default.
  expect(Date.parse(body.session.expiresAt) - Date.now()).toBeLessThanOrEqual(3600_000);
});

test("an expired ticket fails with 401 and opens nothing", async () => {
  const res = await p.call(mint, { method: "POST", params: { appId }, token: ORG_TOKEN, body: {} });
  const ticket = new URL(((await res.json()) as { url: string }).url).hash.slice("#ticket=".length);
  await p.database.db.update(portalTickets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(portalTickets.hash, hashToken(ticket)));
  const before = await p.database.db.select().from(portalSessions);
  expect((await p.call(exchange, { method: "POST", body: { ticket, appId } })).status).toBe(401);
  expect(await p.database.db.select().from(portalSessions)).toHaveLength(before.length);
});

test("an expired or forged access token gets 401", async () => {
  const s = await p.session(appId);
  const expired = await signSessionToken(p.rt.secret, "access", s.body.session.id, new Date(Date.now() - 1000));
  expect((await p.call(getSession, { token: expired })).status).toBe(401);
  const forged = await signSessionToken("another-secret-another-secret-0123456789", "access", s.body.session.id, new Date(Date.now() + 60_000));
  expect((await p.call(getSession, { token: forged })).status).toBe(401);
  // A direct-session cookie token is not an access token.
  const direct = await signSessionToken(p.rt.secret, "direct", s.body.session.id, new Date(Date.now() + 60_000));
  expect((await p.call(getSession, { token: direct })).status).toBe(401);
  expect((await p.call(getSession, { token: s.accessToken })).status).toBe(200);
});
