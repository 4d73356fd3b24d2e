import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { GET as getAudit } from "@/app/api/admin/apps/[appId]/audit/route";
import { GET as getAppBranding, PUT as putAppBranding } from "@/app/api/admin/apps/[appId]/branding/route";
import { GET as getAppOrigins, PUT as putAppOrigins } from "@/app/api/admin/apps/[appId]/embed-origins/route";
import { DELETE as deleteMember, PUT as putMember } from "@/app/api/admin/apps/[appId]/members/[email]/route";
import { GET as listMembers } from "@/app/api/admin/apps/[appId]/members/route";
import { POST as revoke } from "@/app/api/admin/apps/[appId]/sessions/revoke/route";
import { GET as getOrgBranding, PUT as putOrgBranding } from "@/app/api/admin/branding/route";
import { GET as getOrgOrigins, PUT as putOrgOrigins } from "@/app/api/admin/embed-origins/route";
import { POST as refresh } from "@/app/api/portal/session/refresh/route";
import { GET as getSession } from "@/app/api/portal/session/route";
import { POST as mint } from "@/app/api/v1/auth/app-portal-access/[appId]/route";
import { writeAudit } from "@/lib/audit";
import { signAccessToken } from "@/lib/session/access-token";
import { openSession } from "@/lib/session/store";
import type { AdminHandler } from "../support/admin-routes";
import { ORG_TOKEN } from "../support/core-server";
import { PEER_HEADER } from "../support/peer";
import { startPortal, type TestPortal } from "../support/portal";

type Init = { method?: string; params?: Record<string, string>; body?: unknown; query?: string; headers?: Record<string, string> };
type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
type Page<T> = { data: T[]; iterator: string | null; done: boolean };

/** The admin API's functional suite, against the embedded core or an external one. */
export function adminApiSuite(opts: { external?: boolean } = {}): void {
  let p: TestPortal;

  const admin = (handler: AdminHandler, init: Init = {}) =>
    p.call(handler, {
      method: init.method ?? "GET",
      path: `/api/admin/test${init.query ?? ""}`,
      params: (init.params ?? {}) as never,
      token: ORG_TOKEN,
      body: init.body,
      headers: init.headers,
    });
  const json = async <T>(res: Response, status = 200): Promise<T> => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return JSON.parse(text) as T;
  };
  const invalid = async (res: Response): Promise<string[]> => {
    const body = await json<ErrorBody>(res, 422);
    expect(body.error.code).toBe("invalid");
    return (body.error.issues ?? []).map((i) => i.path);
  };
  const sessionStatus = async (token: string) => (await p.call(getSession, { token })).status;
  const newApp = async (name: string, uid: string) => (await p.svix.application.create({ name, uid })).id;
  const coreToken = async (appId: string) => {
    const res = await p.call(mint, { method: "POST", params: { appId }, token: ORG_TOKEN, body: {} });
    return ((await res.json()) as { token: string }).token;
  };
  /** A session as magic-link login opens one (that flow lives elsewhere; the store is the same). */
  const magicLinkSession = async (appId: string, email: string) => {
    const { session } = await openSession(p.rt, {
      appId,
      source: "magic-link",
      actorEmail: email,
      coreToken: await coreToken(appId),
      capabilities: ["ViewBase"],
      expirySeconds: 3600,
      branding: null,
      allowedOrigins: null,
      sessionGroup: null,
    });
    return (await signAccessToken(p.rt.secret, session.id, session.expiresAt)).token;
  };

  beforeAll(async () => {
    p = await startPortal(opts);
    expect(p.mode).toBe(opts.external ? "external" : "embedded");
  });
  afterAll(() => p.close());

  describe("members", () => {
    let appId: string;
    beforeAll(async () => {
      appId = await newApp("Members", "members-app");
    });

    test("PUT adds a member (by uid or id), lower-cased; PUT again replaces its capabilities", async () => {
      const created = await json<{ email: string; capabilities: unknown }>(
        await admin(putMember, { method: "PUT", params: { appId: "members-app", email: "Jane.Doe@Example.COM" } }),
        201,
      );
      expect(created).toMatchObject({ email: "jane.doe@example.com", capabilities: null });
      const updated = await json<{ capabilities: string[] }>(
        await admin(putMember, { method: "PUT", params: { appId, email: "jane.doe@example.com" }, body: { capabilities: ["ManageEndpoint"] } }),
      );
      // Svix's rule: ViewBase always comes with any grant.
      expect(updated.capabilities).toEqual(["ViewBase", "ManageEndpoint"]);
    });

    test("bad emails, capabilities and bodies are 422 with the field named", async () => {
      const put = (email: string, body?: unknown) => admin(putMember, { method: "PUT", params: { appId, email }, body });
      expect(await invalid(await put("not-an-email"))).toEqual(["email"]);
      expect(await invalid(await put("x@example.com", { capabilities: ["Nope"] }))).toEqual(["capabilities.0"]);
      expect(await invalid(await put("x@example.com", { capabilities: ["ViewBase"], role: "admin" }))).toEqual([""]);
      expect((await put("x@example.com", "{not json")).status).toBe(422);
      expect((await admin(deleteMember, { method: "DELETE", params: { appId, email: "nope" } })).status).toBe(422);
      const list = await json<Page<{ email: string }>>(await admin(listMembers, { params: { appId } }));
      expect(list.data.map((m) => m.email)).not.toContain("x@example.com");
    });

    test("GET pages through members in email order", async () => {
      for (const email of ["carol@example.com", "alice@example.com", "bob@example.com"]) {
        expect((await admin(putMember, { method: "PUT", params: { appId, email } })).status).toBe(201);
      }
      const seen: string[] = [];
      let iterator: string | null = null;
      let pages = 0;
      do {
        const query: string = `?limit=2${iterator ? `&iterator=${iterator}` : ""}`;
        const page: Page<{ email: string; createdAt: string }> = await json(await admin(listMembers, { params: { appId }, query }));
        expect(page.data.length).toBeLessThanOrEqual(2);
        seen.push(...page.data.map((m) => m.email));
        iterator = page.iterator;
        expect(page.done).toBe(iterator === null);
        pages++;
      } while (iterator);
      expect(pages).toBe(2);
      expect(seen).toEqual(["alice@example.com", "bob@example.com", "carol@example.com", "jane.doe@example.com"]);
      expect(await invalid(await admin(listMembers, { params: { appId }, query: "?limit=0" }))).toEqual(["limit"]);
      expect(await invalid(await admin(listMembers, { params: { appId }, query: "?limit=251" }))).toEqual(["limit"]);
      expect(await invalid(await admin(listMembers, { params: { appId }, query: "?iterator=%2B%2B" }))).toEqual(["iterator"]);
    });

    test("DELETE removes the member and ends its magic-link sessions for this app only", async () => {
      const other = await newApp("Other", "members-other");
      const janeHere = await magicLinkSession(appId, "jane.doe@example.com");
      const janeThere = await magicLinkSession(other, "jane.doe@example.com");
      const bobHere = await magicLinkSession(appId, "bob@example.com");
      const embedded = (await p.session(appId)).accessToken;
      for (const token of [janeHere, janeThere, bobHere, embedded]) expect(await sessionStatus(token)).toBe(200);

      const removed = await json(await admin(deleteMember, { method: "DELETE", params: { appId, email: "JANE.DOE@example.com" } }));
      expect(removed).toEqual({ removed: true, revokedSessions: 1 });
      expect(await sessionStatus(janeHere)).toBe(401);
      expect(await sessionStatus(janeThere)).toBe(200);
      expect(await sessionStatus(bobHere)).toBe(200);
      expect(await sessionStatus(embedded)).toBe(200);

      const again = await json(await admin(deleteMember, { method: "DELETE", params: { appId, email: "jane.doe@example.com" } }));
      expect(again).toEqual({ removed: false, revokedSessions: 0 });
      const list = await json<Page<{ email: string }>>(await admin(listMembers, { params: { appId } }));
      expect(list.data.map((m) => m.email)).toEqual(["alice@example.com", "bob@example.com", "carol@example.com"]);
    });
  });

  describe("embed origins", () => {
    let appId: string;
    let plain: string;
    beforeAll(async () => {
      appId = await newApp("Origins", "origins-app");
      plain = await newApp("Plain", "origins-plain");
    });

    test("nothing set: inherited, empty, framed by 'self' only", async () => {
      expect(await json(await admin(getAppOrigins, { params: { appId } }))).toEqual({ origins: null, effective: [], frameAncestors: "'self'" });
    });

    test("PUT stores exact normalised origins, deduplicated", async () => {
      const body = { origins: ["https://Dash.Acme.example/", "https://dash.acme.example", "http://localhost:5173", "https://acme.example:8443"] };
      const saved = await json(await admin(putAppOrigins, { method: "PUT", params: { appId: "origins-app" }, body }));
      const expected = ["https://dash.acme.example", "http://localhost:5173", "https://acme.example:8443"];
      expect(saved).toEqual({ origins: expected, effective: expected, frameAncestors: expected.join(" ") });
      expect(await json(await admin(getAppOrigins, { params: { appId } }))).toEqual(saved);
    });

    test("anything but an exact https (or local http) origin is 422 and changes nothing", async () => {
      const before = await json(await admin(getAppOrigins, { params: { appId } }));
      const put = (body: unknown) => admin(putAppOrigins, { method: "PUT", params: { appId }, body });
      expect(await invalid(await put({ origins: ["http://evil.example"] }))).toEqual(["origins.0"]);
      expect(await invalid(await put({ origins: ["https://ok.example", "https://*.acme.example"] }))).toEqual(["origins.1"]);
      expect(await invalid(await put({ origins: ["https://acme.example/path"] }))).toEqual(["origins.0"]);
      expect(await invalid(await put({ origins: ["https://acme.example; script-src *"] }))).toEqual(["origins.0"]);
      expect(await invalid(await put({ origins: Array.from({ length: 21 }, (_, i) => `https://h${i}.example`) }))).toEqual(["origins"]);
      expect(await invalid(await put({}))).toEqual(["origins"]);
      expect(await invalid(await put({ origins: "https://acme.example" }))).toEqual(["origins"]);
      expect(await json(await admin(getAppOrigins, { params: { appId } }))).toEqual(before);
    });

    test("the org default applies to apps without a list; null goes back to inheriting", async () => {
      const org = await json(await admin(putOrgOrigins, { method: "PUT", body: { origins: ["https://org.example"] } }));
      expect(org).toEqual({ origins: ["https://org.example"], effective: ["https://org.example"], frameAncestors: "https://org.example" });
      expect(await json(await admin(getOrgOrigins))).toEqual(org);
      expect(await json(await admin(getAppOrigins, { params: { appId: plain } }))).toMatchObject({ origins: null, effective: ["https://org.example"] });
      expect(await json(await admin(getAppOrigins, { params: { appId } }))).toMatchObject({ effective: ["https://dash.acme.example", "http://localhost:5173", "https://acme.example:8443"] });

      expect(await json(await admin(putAppOrigins, { method: "PUT", params: { appId }, body: { origins: null } }))).toEqual(
        { origins: null, effective: ["https://org.example"], frameAncestors: "https://org.example" },
      );
      expect(await json(await admin(putOrgOrigins, { method: "PUT", body: { origins: null } }))).toEqual({ origins: null, effective: [], frameAncestors: "'self'" });
      expect(await json(await admin(getAppOrigins, { params: { appId } }))).toEqual({ origins: null, effective: [], frameAncestors: "'self'" });
    });

    test("allowedOrigins given to app-portal-access become the app's list", async () => {
      await p.session(plain, { allowedOrigins: ["https://saas.example"] });
      expect(await json(await admin(getAppOrigins, { params: { appId: plain } }))).toMatchObject({ origins: ["https://saas.example"] });
    });
  });

  describe("branding", () => {
    let appId: string;
    beforeAll(async () => {
      appId = await newApp("Branded", "branded-app");
    });

    test("the app's branding is laid over the org default; sessions see the merge", async () => {
      const org = { name: "Org Co", primaryColor: "#111111", radius: 4 };
      expect(await json(await admin(putOrgBranding, { method: "PUT", body: org }))).toEqual({ branding: org, effective: org });
      expect(await json(await admin(getOrgBranding))).toEqual({ branding: org, effective: org });

      const own = { primaryColor: "#222222", mode: "dark", hide: ["stats"] };
      const view = await json(await admin(putAppBranding, { method: "PUT", params: { appId: "branded-app" }, body: own }));
      const effective = { name: "Org Co", primaryColor: "#222222", radius: 4, mode: "dark", hide: ["stats"] };
      expect(view).toEqual({ branding: own, orgDefault: org, effective });
      expect(await json(await admin(getAppBranding, { params: { appId } }))).toEqual(view);
      expect((await p.session(appId)).body.session.branding).toEqual(effective);
    });

    test("strict validation: no scripts, no raw CSS, no unknown keys; nothing changes", async () => {
      const before = await json(await admin(getAppBranding, { params: { appId } }));
      const put = (body: unknown) => admin(putAppBranding, { method: "PUT", params: { appId }, body });
      expect(await invalid(await put({ logoUrl: "javascript:alert(1)" }))).toEqual(["logoUrl"]);
      expect(await invalid(await put({ logoUrl: "http://cdn.example/logo.png" }))).toEqual(["logoUrl"]);
      expect(await invalid(await put({ primaryColor: "red; background: url(x)" }))).toEqual(["primaryColor"]);
      expect(await invalid(await put({ css: "body { display: none }" }))).toEqual([""]);
      expect(await invalid(await put({ hide: ["everything"] }))).toEqual(["hide.0"]);
      expect(await invalid(await admin(putOrgBranding, { method: "PUT", body: { radius: 99 } }))).toEqual(["radius"]);
      expect(await json(await admin(getAppBranding, { params: { appId } }))).toEqual(before);
    });

    test("{} clears a scope's branding", async () => {
      const cleared = await json(await admin(putAppBranding, { method: "PUT", params: { appId }, body: {} }));
      expect(cleared).toMatchObject({ branding: null, effective: { name: "Org Co", primaryColor: "#111111", radius: 4 } });
      expect(await json(await admin(putOrgBranding, { method: "PUT", body: {} }))).toEqual({ branding: null, effective: {} });
      expect(await json(await admin(getAppBranding, { params: { appId } }))).toEqual({ branding: null, orgDefault: null, effective: {} });
    });
  });

  describe("sessions", () => {
    let appId: string;
    beforeAll(async () => {
      appId = await newApp("Sessions", "sessions-app");
    });

    test("revoke by the SaaS's sessionId, by portal session, then all", async () => {
      const g1 = await p.session(appId, { sessionId: "user-1" });
      const g1b = await p.session(appId, { sessionId: "user-1" });
      const g2 = await p.session(appId, { sessionId: "user-2" });
      const loose = await p.session(appId);
      const all = [g1, g1b, g2, loose];
      for (const s of all) expect(await sessionStatus(s.accessToken)).toBe(200);

      const post = (body: unknown) => admin(revoke, { method: "POST", params: { appId: "sessions-app" }, body });
      expect(await json(await post({ sessionId: "user-1" }))).toEqual({ revoked: 2 });
      expect(await Promise.all(all.map((s) => sessionStatus(s.accessToken)))).toEqual([401, 401, 200, 200]);
      // A revoked session's refresh cookie is dead too.
      const headers = p.refreshHeaders(g1.body.session.appId, g1.refreshCookie);
      expect((await p.call(refresh, { method: "POST", headers, body: { appId: g1.body.session.appId } })).status).toBe(401);

      expect(await json(await post({ portalSessionId: g2.body.session.id }))).toEqual({ revoked: 1 });
      expect(await Promise.all(all.map((s) => sessionStatus(s.accessToken)))).toEqual([401, 401, 401, 200]);

      expect(await json(await post(undefined))).toEqual({ revoked: 1 });
      expect(await sessionStatus(loose.accessToken)).toBe(401);
      expect(await json(await post({}))).toEqual({ revoked: 0 });
    });

    test("bad revoke bodies are 422", async () => {
      const s = await p.session(appId, { sessionId: "user-3" });
      const post = (body: unknown) => admin(revoke, { method: "POST", params: { appId }, body });
      expect(await invalid(await post({ sessionId: "user-3", portalSessionId: s.body.session.id }))).toEqual(["portalSessionId"]);
      expect(await invalid(await post({ sessionId: "not allowed!" }))).toEqual(["sessionId"]);
      expect(await invalid(await post({ portalSessionId: "nope" }))).toEqual(["portalSessionId"]);
      expect(await invalid(await post({ everything: true }))).toEqual([""]);
      expect(await sessionStatus(s.accessToken)).toBe(200);
    });
  });

  describe("audit", () => {
    test("portal and admin actions, newest first, paged; admin rows have no session", async () => {
      const appId = await newApp("Audited", "audited-app");
      // One proxy in front (10.9.9.9): the last entry is the address it saw; earlier ones are the client's to invent.
      p.rt.trustedProxies = { kind: "hops", hops: 1 };
      onTestFinished(() => void (p.rt.trustedProxies = undefined));
      const headers = { [PEER_HEADER]: "10.9.9.9", "x-forwarded-for": "10.0.0.1, 203.0.113.7", "user-agent": "saas-backend/1.0" };
      const req = new Request("http://localhost:3000/api/portal/endpoints", { headers: { [PEER_HEADER]: "10.9.9.9", "x-forwarded-for": "198.51.100.2", "user-agent": "Browser/1" } });
      await writeAudit(p.rt, req, { appId, sessionId: "ps_fromportal", actorEmail: "ann@example.com", action: "endpoint.create", target: "ep_1", detail: { url: "https://x.example" } });
      await admin(putMember, { method: "PUT", params: { appId, email: "ann@example.com" }, headers });
      await admin(putAppOrigins, { method: "PUT", params: { appId }, body: { origins: ["https://a.example"] }, headers });
      await admin(putAppBranding, { method: "PUT", params: { appId }, body: { name: "Audited" }, headers });
      await admin(revoke, { method: "POST", params: { appId }, body: { sessionId: "nobody" }, headers });
      await admin(deleteMember, { method: "DELETE", params: { appId, email: "ann@example.com" }, headers });

      type Entry = { id: string; time: string; sessionId: string | null; actorEmail: string | null; ip: string | null; userAgent: string | null; action: string; target: string | null; detail: unknown };
      const entries: Entry[] = [];
      let iterator: string | null = null;
      do {
        const query: string = `?limit=2${iterator ? `&iterator=${iterator}` : ""}`;
        const page: Page<Entry> = await json(await admin(getAudit, { params: { appId: "audited-app" }, query }));
        entries.push(...page.data);
        iterator = page.iterator;
      } while (iterator);

      expect(entries.map((e) => e.action)).toEqual([
        "admin.member.delete",
        "admin.sessions.revoke",
        "admin.branding.put",
        "admin.embed-origins.put",
        "admin.member.put",
        "endpoint.create",
      ]);
      const ids = entries.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((x, y) => y - x));
      for (const e of entries.slice(0, 5)) {
        expect(e).toMatchObject({ sessionId: null, actorEmail: null, ip: "203.0.113.7", userAgent: "saas-backend/1.0" });
        expect(Date.parse(e.time)).not.toBeNaN();
      }
      expect(entries[0]).toMatchObject({ target: "ann@example.com", detail: { removed: true, revokedSessions: 0 } });
      expect(entries[1]).toMatchObject({ detail: { sessionId: "nobody", revoked: 0 } });
      expect(entries[3]).toMatchObject({ detail: { origins: ["https://a.example"] } });
      expect(entries[5]).toEqual({
        id: expect.any(String),
        time: expect.any(String),
        sessionId: "ps_fromportal",
        actorEmail: "ann@example.com",
        ip: "198.51.100.2",
        userAgent: "Browser/1",
        action: "endpoint.create",
        target: "ep_1",
        detail: { url: "https://x.example" },
      });
      expect(await invalid(await admin(getAudit, { params: { appId }, query: "?iterator=MTIzYQ" }))).toEqual(["iterator"]);
      expect(await invalid(await admin(getAudit, { params: { appId }, query: "?limit=abc" }))).toEqual(["limit"]);
    });
  });
}
