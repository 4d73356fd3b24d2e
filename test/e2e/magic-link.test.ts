import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { Svix } from "svix";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { authVerificationTokens } from "@/lib/db/schema";
import { testDatabase } from "../support/database";
import { startNextServer, type NextServer } from "../support/next-server";
import { linkIn, startSmtp, type CapturedMail, type SmtpCatcher } from "../support/smtp";

const ORG_TOKEN = "ph_org_magic_link_test_0123456789abcdef";
const MEMBER = "ada@customer.example";
const LIMITED = "grace@customer.example";
const STRANGER = "mallory@elsewhere.example";
const EVIL_ORIGIN = "https://evil.example";

let smtp: SmtpCatcher;
let server: NextServer;
let dataDir: string;
let postgres: (Database & { url: string | undefined }) | undefined;
let appA: { id: string; name: string };
let appB: { id: string; name: string };

beforeAll(async () => {
  smtp = await startSmtp();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-magic-"));
  postgres = process.env.DATABASE_URL ? await testDatabase() : undefined;
  server = await startNextServer({
    DATA_DIR: dataDir,
    DATABASE_URL: postgres?.url,
    EMAIL_SERVER: smtp.url,
    EMAIL_FROM: "Porthole <login@porthole.test>",
    CORE_API_TOKEN: ORG_TOKEN,
  });
  const svix = new Svix(ORG_TOKEN, { serverUrl: server.url });
  appA = await svix.application.create({ name: "Acme Billing" });
  appB = await svix.application.create({ name: "Globex Payouts" });
  await putMember(appA.id, MEMBER, ["ViewBase", "ManageEndpoint"]);
  await putMember(appA.id, LIMITED, null);
  await putMember(appB.id, "someone@globex.example", null);
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  await postgres?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// ——— helpers: a cookie jar and the browser's requests, by hand ———

class Jar {
  private cookies = new Map<string, string>();
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  has(name: string): boolean {
    return this.cookies.has(name);
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

const SESSION_COOKIE = "next-auth.session-token";
const DIRECT_COOKIE = "__Host-porthole-direct";

async function browse(jar: Jar, pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header();
  if (cookie) headers.set("cookie", cookie);
  const res = await fetch(new URL(pathOrUrl, server.url), { ...init, headers, redirect: "manual" });
  jar.store(res);
  return res;
}

function form(body: Record<string, string>, origin = server.url): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin },
    body: new URLSearchParams(body),
  };
}

/** What the login form does: next-auth's CSRF token, then the sign-in POST. */
async function requestLink(email: string, jar = new Jar()): Promise<Response> {
  const csrf = (await (await browse(jar, "/api/auth/csrf")).json()) as { csrfToken: string };
  return browse(jar, "/api/auth/signin/email", form({ email, csrfToken: csrf.csrfToken, callbackUrl: "/apps" }));
}

async function putMember(appId: string, email: string, capabilities: string[] | null): Promise<void> {
  const res = await fetch(`${server.url}/api/admin/apps/${appId}/members/${encodeURIComponent(email)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${ORG_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ capabilities }),
  });
  if (!res.ok) throw new Error(`PUT member: ${res.status} ${await res.text()}`);
}

const mailsTo = (email: string): CapturedMail[] => smtp.mails.filter((m) => m.to.includes(email));

/** The confirm page's form target, as a browser would read it from the HTML. */
function formAction(html: string): string {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in:\n${html}`);
  return action.replace(/&amp;/g, "&");
}

const bff = (jar: Jar, origin = server.url, csrf = true): RequestInit => ({
  headers: { origin, ...(csrf ? { "x-porthole-request": "1" } : {}), "content-type": "application/json" },
});

// ——— the flow ———

let memberLink: string;
const memberJar = new Jar();

test("members and strangers get the same answer; only the member gets mail", async () => {
  const stranger = await requestLink(STRANGER);
  const member = await requestLink(MEMBER);
  expect(stranger.status).toBe(302);
  expect(member.status).toBe(302);
  expect(stranger.headers.get("location")).toBe(member.headers.get("location"));

  const onward = await browse(new Jar(), stranger.headers.get("location")!);
  expect(onward.headers.get("location")).toMatch(/\/check-email$/);
  const page = await browse(new Jar(), "/check-email");
  expect(await page.text()).toContain("Check your inbox");

  await smtp.waitFor(1);
  expect(smtp.mails.map((m) => m.to)).toEqual([[MEMBER]]);
  const mail = smtp.mails[0]!;
  expect(mail.from).toBe("login@porthole.test");
  memberLink = linkIn(mail, "/confirm?");
  expect(memberLink.startsWith(`${server.url}/confirm?`)).toBe(true);
});

test("GETs of the mailed link (a mail scanner) neither log in nor spend the token; the confirm POST does", async () => {
  const scanner = new Jar();
  const head = await browse(scanner, memberLink, { method: "HEAD" });
  expect(head.status).toBe(200);
  const confirm = await browse(scanner, memberLink);
  expect(confirm.status).toBe(200);
  const html = await confirm.text();
  expect(html).toContain(MEMBER);
  const action = formAction(html);
  expect(action.startsWith("/api/auth/callback/email?")).toBe(true);
  // Even a scanner that follows the form's target by GET only lands on the confirm page again.
  const direct = await browse(scanner, action);
  expect(direct.status).toBe(303);
  expect(direct.headers.get("location")).toContain("/confirm?");
  expect(scanner.has(SESSION_COOKIE)).toBe(false);

  // A cross-site form posting the link (login CSRF) is refused and spends nothing.
  const forged = await browse(new Jar(), action, form({}, EVIL_ORIGIN));
  expect(forged.status).toBe(403);

  const login = await browse(memberJar, action, form({}));
  expect(login.status).toBe(302);
  expect(login.headers.get("location")).toBe(`${server.url}/apps`);
  expect(memberJar.has(SESSION_COOKIE)).toBe(true);

  const again = await browse(new Jar(), action, form({}));
  expect(again.headers.get("location")).toContain("error=Verification");
});

test("the chooser lists the member's applications; direct-session opens a portal session for one", async () => {
  expect((await browse(new Jar(), "/apps")).headers.get("location")).toMatch(/\/login$/);
  const apps = await (await browse(memberJar, "/apps")).text();
  expect(apps).toContain(appA.name);
  expect(apps).not.toContain(appB.name);

  const body = JSON.stringify({ appId: appA.id });
  const noHeader = await browse(new Jar(), "/api/portal/direct-session", { method: "POST", body, ...bff(memberJar, server.url, false) });
  expect(noHeader.status).toBe(403);
  const anonymous = await browse(new Jar(), "/api/portal/direct-session", { method: "POST", body, ...bff(memberJar) });
  expect(anonymous.status).toBe(401);
  const otherApp = await browse(memberJar, "/api/portal/direct-session", {
    method: "POST",
    body: JSON.stringify({ appId: appB.id }),
    ...bff(memberJar),
  });
  expect(otherApp.status).toBe(403);
  expect(memberJar.has(DIRECT_COOKIE)).toBe(false);

  const opened = await browse(memberJar, "/api/portal/direct-session", { method: "POST", body, ...bff(memberJar) });
  expect(opened.status).toBe(200);
  expect(memberJar.has(DIRECT_COOKIE)).toBe(true);

  const session = await browse(memberJar, "/api/portal/session", bff(memberJar));
  expect(session.status).toBe(200);
  expect(await session.json()).toMatchObject({
    appId: appA.id,
    capabilities: ["ViewBase", "ManageEndpoint"],
    actorEmail: MEMBER,
    source: "magic-link",
  });
  expect((await browse(memberJar, "/api/portal/session", bff(memberJar, server.url, false))).status).toBe(403);
  expect((await browse(memberJar, "/api/portal/session", bff(memberJar, EVIL_ORIGIN))).status).toBe(403);
  // Browsers send no Origin on a same-origin GET; Fetch Metadata then says where it came from.
  const noOrigin = (site?: string) => ({ headers: { "x-porthole-request": "1", ...(site && { "sec-fetch-site": site }) } });
  expect((await browse(memberJar, "/api/portal/session", noOrigin("same-origin"))).status).toBe(200);
  expect((await browse(memberJar, "/api/portal/session", noOrigin("cross-site"))).status).toBe(403);
  expect((await browse(memberJar, "/api/portal/session", noOrigin())).status).toBe(403);

  // The same tree of screens as the iframe (ADR 3); the server renders the app's name at first paint.
  const portal = await browse(memberJar, `/embed/${appA.id}`);
  expect(portal.status).toBe(200);
  const html = await portal.text();
  expect(html).toMatch(new RegExp(`<span id="portal-title"[^>]*>${appA.name}</span>`));
  expect(html).toContain(`<title>${appA.name}</title>`);
  expect((await browse(memberJar, "/portal")).status).toBe(404);
});

test("signing out ends both the login and the portal session", async () => {
  expect(memberJar.has(SESSION_COOKIE)).toBe(true);
  const direct = memberJar.get(DIRECT_COOKIE)!;
  expect(direct).toBeDefined();
  const csrf = (await (await browse(memberJar, "/api/auth/csrf")).json()) as { csrfToken: string };
  const forged = await browse(memberJar, "/api/auth/signout", form({ csrfToken: csrf.csrfToken }, EVIL_ORIGIN));
  expect(forged.status).toBe(403);

  const out = await browse(memberJar, "/api/auth/signout", form({ csrfToken: csrf.csrfToken, callbackUrl: "/login" }));
  expect(out.status).toBe(302);
  expect(memberJar.has(SESSION_COOKIE)).toBe(false);
  expect(memberJar.has(DIRECT_COOKIE)).toBe(false);

  const stale = new Jar();
  stale.store(new Response(null, { headers: { "set-cookie": `${DIRECT_COOKIE}=${direct}` } }));
  expect((await browse(stale, "/api/portal/session", bff(stale))).status).toBe(401);
  expect((await browse(memberJar, "/apps")).headers.get("location")).toMatch(/\/login$/);
});

test("a sixth request for one address in 15 minutes sends nothing, and looks the same", async () => {
  const answers = [];
  for (let i = 0; i < 6; i++) answers.push(await requestLink(LIMITED));
  expect(new Set(answers.map((r) => `${r.status} ${r.headers.get("location")}`)).size).toBe(1);
  // Five mails for the address, then one for someone else: a sixth would have come before it.
  await smtp.waitForMailTo(LIMITED, 5);
  const member = mailsTo(MEMBER).length;
  await requestLink(MEMBER);
  await smtp.waitForMailTo(MEMBER, member + 1);
  expect(mailsTo(LIMITED)).toHaveLength(5);
});

test("an expired link fails and logs nobody in", async () => {
  const sent = mailsTo(MEMBER).length;
  await requestLink(MEMBER);
  await smtp.waitForMailTo(MEMBER, sent + 1);
  const link = linkIn(mailsTo(MEMBER).at(-1)!, "/confirm?");
  await expireLinks(MEMBER);

  const jar = new Jar();
  const action = formAction(await (await browse(jar, link)).text());
  const res = await browse(jar, action, form({}));
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toContain("error=Verification");
  expect(jar.has(SESSION_COOKIE)).toBe(false);
  const hop = await browse(jar, res.headers.get("location")!);
  expect(hop.headers.get("location")).toMatch(/\/login\/error\?error=Verification$/);
  expect(await (await browse(jar, hop.headers.get("location")!)).text()).toContain("expired or was already used");
});

/**
 * Moves the address's pending links into the past. On Postgres through a second connection; on
 * PGlite the server owns the data directory, so it is stopped, edited and started again.
 */
async function expireLinks(email: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  if (postgres) {
    await postgres.db.update(authVerificationTokens).set({ expires: past }).where(eq(authVerificationTokens.identifier, email));
    return;
  }
  await server.stop();
  const db = await openDatabase({ dataDir });
  try {
    const updated = await db.db
      .update(authVerificationTokens)
      .set({ expires: past })
      .where(eq(authVerificationTokens.identifier, email))
      .returning();
    expect(updated.length).toBeGreaterThan(0);
  } finally {
    await db.close();
  }
  await server.start();
}
