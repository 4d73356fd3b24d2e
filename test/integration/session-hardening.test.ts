import { and, eq } from "drizzle-orm";
import { Svix } from "svix";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { portalAudit, portalSessions } from "@/lib/db/schema";
import { GET as listEndpoints } from "@/app/api/portal/endpoints/route";
import { GET as getSession } from "@/app/api/portal/session/route";
import { POST as exchange } from "@/app/api/portal/session/exchange/route";
import { POST as refresh } from "@/app/api/portal/session/refresh/route";
import { POST as mint } from "@/app/api/v1/auth/app-portal-access/[appId]/route";
import { ORG_TOKEN } from "../support/core-server";
import { PORTAL_ORIGIN, startPortal, type TestPortal } from "../support/portal";

type Granted = { accessToken: string; session: { id: string; appId: string } };

/** Set-Cookie lines as a browser keeps them: one value per name, Max-Age=0 deletes. */
class CookieJar {
  readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      if (/Max-Age=0(;|$)/.test(line)) this.cookies.delete(name!);
      else this.cookies.set(name!, value.join("="));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

function sessionSuite(opts: { external?: boolean } = {}) {
  let p: TestPortal;
  let appA: string;
  let appB: string;
  beforeAll(async () => {
    p = await startPortal(opts);
    appA = (await p.svix.application.create({ name: "Alpha" })).id;
    appB = (await p.svix.application.create({ name: "Beta" })).id;
  });
  afterAll(() => p.close());

  const csrf = { origin: PORTAL_ORIGIN, "x-porthole-request": "1" };
  const refreshWith = (appId: string, cookie: string) => p.call(refresh, { method: "POST", headers: { ...csrf, cookie }, body: { appId } });
  const sessionRow = async (id: string) => (await p.database.db.select().from(portalSessions).where(eq(portalSessions.id, id)))[0]!;
  const auditOf = (sessionId: string, action: string) =>
    p.database.db
      .select()
      .from(portalAudit)
      .where(and(eq(portalAudit.sessionId, sessionId), eq(portalAudit.action, action)));

  /** The last rotation happened a minute ago: past the moment two frames may race. */
  const aMinuteAgo = (id: string) => p.database.db.update(portalSessions).set({ refreshedAt: new Date(Date.now() - 60_000) }).where(eq(portalSessions.id, id));

  async function link(appId: string): Promise<{ ticket: string; coreToken: string }> {
    const res = await p.call(mint, { method: "POST", params: { appId }, token: ORG_TOKEN, body: {} });
    const { url, token } = (await res.json()) as { url: string; token: string };
    return { ticket: new URL(url).hash.slice("#ticket=".length), coreToken: token };
  }

  test("a rotated refresh secret used again revokes the session, for the thief and the browser alike, and the audit log says so", async () => {
    const s = await p.session(appA);
    const stolen = p.refreshHeaders(appA, s.refreshCookie).cookie!;
    // The thief renews first and would keep the session for its 7 days...
    const thief = await refreshWith(appA, stolen);
    expect(thief.status).toBe(200);
    const thiefGrant = (await thief.json()) as Granted;
    const jar = new CookieJar();
    jar.take(thief);
    // ...until the real browser, a while later, presents the same (now rotated) secret.
    await aMinuteAgo(s.body.session.id);
    const browser = await refreshWith(appA, stolen);
    expect(browser.status).toBe(401);
    expect(browser.headers.getSetCookie().join("\n")).toContain(`__Host-porthole-refresh-${appA}=; Path=/; Max-Age=0`);

    expect((await sessionRow(s.body.session.id)).revokedAt).not.toBeNull();
    expect(await auditOf(s.body.session.id, "session.refresh_reused")).toHaveLength(1);
    expect((await p.call(getSession, { token: thiefGrant.accessToken })).status).toBe(401);
    expect((await p.call(getSession, { token: s.accessToken })).status).toBe(401);
    expect((await refreshWith(appA, jar.header())).status).toBe(401);
    // Presenting it once more changes nothing further.
    expect((await refreshWith(appA, stolen)).status).toBe(401);
    expect(await auditOf(s.body.session.id, "session.refresh_reused")).toHaveLength(1);
  });

  test("two frames of one app reloading at once with the shared cookie: one renews, the other is refused, nothing is revoked", async () => {
    const s = await p.session(appA);
    const cookie = p.refreshHeaders(appA, s.refreshCookie).cookie!;
    const answers = await Promise.all([refreshWith(appA, cookie), refreshWith(appA, cookie)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
    const winner = answers.find((r) => r.status === 200)!;
    const loser = answers.find((r) => r.status === 401)!;
    // The loser leaves the cookie the winner set alone.
    expect(loser.headers.getSetCookie()).toEqual([]);
    expect((await sessionRow(s.body.session.id)).revokedAt).toBeNull();
    expect(await auditOf(s.body.session.id, "session.refresh_reused")).toEqual([]);
    const jar = new CookieJar();
    jar.take(winner);
    expect((await refreshWith(appA, jar.header())).status).toBe(200);
  });

  test("a made-up refresh secret for a live session is refused without ending the session", async () => {
    const s = await p.session(appA);
    const [id] = s.refreshCookie.split(".");
    for (const forged of [`${id}.0.${"A".repeat(43)}`, `${id}.0`, `${id}.x.abc`, `${id}.00.${s.refreshCookie.split(".")[2]}`, "garbage"]) {
      expect((await refreshWith(appA, p.refreshHeaders(appA, forged).cookie!)).status).toBe(401);
    }
    expect((await sessionRow(s.body.session.id)).revokedAt).toBeNull();
    // Another app's name for the right cookie value: refused, and the session is untouched.
    expect((await refreshWith(appB, p.refreshHeaders(appB, s.refreshCookie).cookie!)).status).toBe(401);
    expect((await refreshWith(appA, p.refreshHeaders(appA, s.refreshCookie).cookie!)).status).toBe(200);
  });

  test("a ticket opened at another application's page is refused unspent and still works at its own", async () => {
    const { ticket } = await link(appA);
    const before = (await p.database.db.select().from(portalSessions)).length;
    const wrong = await p.call(exchange, { method: "POST", body: { ticket, appId: appB } });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect(wrong.headers.get("set-cookie")).toBeNull();
    expect(await p.database.db.select().from(portalSessions)).toHaveLength(before);

    const right = await p.call(exchange, { method: "POST", body: { ticket, appId: appA } });
    expect(right.status).toBe(200);
    expect(((await right.json()) as Granted).session.appId).toBe(appA);
    // Spent now, at either page.
    expect((await p.call(exchange, { method: "POST", body: { ticket, appId: appA } })).status).toBe(401);
    expect((await p.call(exchange, { method: "POST", body: { ticket, appId: appB } })).status).toBe(401);
    // Without the page's app, or with one that is not an app id: 422.
    const { ticket: fresh } = await link(appA);
    expect((await p.call(exchange, { method: "POST", body: { ticket: fresh } })).status).toBe(422);
    expect((await p.call(exchange, { method: "POST", body: { ticket: fresh, appId: "../app_x" } })).status).toBe(422);
    expect((await p.call(exchange, { method: "POST", body: { ticket: fresh, appId: appA } })).status).toBe(200);
  });

  test("portals for two applications on one host page keep a refresh cookie each, and both reload", async () => {
    const jar = new CookieJar();
    for (const appId of [appA, appB]) {
      const res = await p.call(exchange, { method: "POST", body: { ticket: (await link(appId)).ticket, appId } });
      expect(res.status).toBe(200);
      jar.take(res);
    }
    expect([...jar.cookies.keys()].sort()).toEqual([`__Host-porthole-refresh-${appA}`, `__Host-porthole-refresh-${appB}`].sort());
    // Two reloads of each frame, interleaved: every one renews its own app's session.
    for (const appId of [appA, appB, appA, appB]) {
      const res = await refreshWith(appId, jar.header());
      expect(res.status).toBe(200);
      expect(((await res.json()) as Granted).session.appId).toBe(appId);
      jar.take(res);
    }
    expect(jar.cookies.size).toBe(2);
  });

  test("revoking the session's core token ends the session at its next BFF call", async () => {
    const s = await p.session(appA);
    expect((await p.call(listEndpoints, { token: s.accessToken })).status).toBe(200);
    const link = p.rt.coreLink;
    const sdk =
      link.mode === "embedded"
        ? new Svix(s.coreToken, { serverUrl: link.serverUrl, fetch: ((i, init) => link.handle(new Request(i, init))) as typeof fetch })
        : new Svix(s.coreToken, { serverUrl: link.serverUrl });
    await sdk.authentication.logout();

    const res = await p.call(listEndpoints, { token: s.accessToken });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    expect((await sessionRow(s.body.session.id)).revokedAt).not.toBeNull();
    expect(await auditOf(s.body.session.id, "session.core_token_refused")).toHaveLength(1);
    // The browser's renewal is refused too, so it asks its host page for a new link.
    expect((await refreshWith(appA, p.refreshHeaders(appA, s.refreshCookie).cookie!)).status).toBe(401);
    expect((await p.call(getSession, { token: s.accessToken })).status).toBe(401);
  });
}

describe("embedded core", () => sessionSuite());
describe("external core (CORE_API_URL)", () => sessionSuite({ external: true }));
