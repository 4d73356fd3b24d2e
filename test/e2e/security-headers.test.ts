/**
 * Response headers through the production server: nosniff and no Referer on every response, no
 * caching of anything that carries a secret or token, and the pages' CSP (script nonces,
 * object-src and base-uri 'none') with the portal still working under it in Chromium.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { Svix } from "svix";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser } from "../support/browser";
import { startNextServer, type NextServer } from "../support/next-server";

const ORG_TOKEN = "e2e_headers_token_0123456789abcdefgh";

let server: NextServer;
let browser: Browser;
let dataDir: string;
let svix: Svix;
let appId: string;
let host: http.Server;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-headers-"));
  server = await startNextServer({ DATA_DIR: dataDir, CORE_API_TOKEN: ORG_TOKEN, DATABASE_URL: undefined });
  svix = new Svix(ORG_TOKEN, { serverUrl: server.url });
  appId = (await svix.application.create({ name: "Acme", uid: "acme-headers" })).id;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const org = { authorization: `Bearer ${ORG_TOKEN}` };

function expectBaseline(res: Response, what: string): void {
  expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), what).toBe("no-referrer");
}

test("every response: nosniff and no Referer — core, BFF, admin, auth, pages, static files, 404s", async () => {
  const page = await fetch(`${server.url}/login`);
  const script = /<script src="([^"]+\.js)"/.exec(await page.text())?.[1];
  expect(script).toBeDefined();
  const checks: [string, RequestInit?][] = [
    ["/api/v1/app", { headers: org }],
    ["/api/v1/health/ping"],
    ["/api/v1/nothing-here"],
    ["/api/portal/session"],
    ["/api/admin/branding", { headers: org }],
    ["/api/auth/csrf"],
    [`/embed/${appId}`],
    ["/login"],
    ["/"],
    ["/no-such-page"],
    [script!],
  ];
  for (const [p, init] of checks) expectBaseline(await fetch(`${server.url}${p}`, init), p);
});

test("answers carrying a secret or a token are never cached: endpoint secret, app-portal-access, the session exchange, the whole core", async () => {
  const ep = await svix.endpoint.create(appId, { url: "https://receiver.example/hook" });
  const secret = await fetch(`${server.url}/api/v1/app/${appId}/endpoint/${ep.id}/secret`, { headers: org });
  expect(secret.status).toBe(200);
  expect(secret.headers.get("cache-control")).toBe("no-store");
  for (const p of ["/api/v1/app", `/api/v1/app/${appId}/endpoint/${ep.id}`]) {
    expect((await fetch(`${server.url}${p}`, { headers: org })).headers.get("cache-control"), p).toBe("no-store");
  }
  const access = await fetch(`${server.url}/api/v1/auth/app-portal-access/${appId}`, {
    method: "POST",
    headers: { ...org, "content-type": "application/json" },
    body: "{}",
  });
  expect(access.status).toBe(200);
  expect(access.headers.get("cache-control")).toBe("no-store");
  const ticket = new URL(((await access.json()) as { url: string }).url).hash.replace("#ticket=", "");
  const exchanged = await fetch(`${server.url}/api/portal/session/exchange`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ticket, appId }),
  });
  expect(exchanged.status).toBe(200);
  expect(exchanged.headers.get("cache-control")).toBe("no-store");
  expectBaseline(exchanged, "exchange");
  const admin = await fetch(`${server.url}/api/admin/apps/${appId}/members`, { headers: org });
  expect(admin.headers.get("cache-control")).toBe("no-store");
});

test("pages carry a CSP with a fresh nonce, and Next.js's scripts carry that nonce", async () => {
  const seen = new Set<string>();
  for (const p of [`/embed/${appId}`, "/login", `/embed/${appId}`]) {
    const res = await fetch(`${server.url}${p}`);
    const policy = res.headers.get("content-security-policy") ?? "";
    const directives = policy.split("; ");
    for (const d of ["object-src 'none'", "base-uri 'none'", "default-src 'self'"]) expect(directives, p).toContain(d);
    const nonce = /script-src 'self' 'nonce-([^']+)'$/.exec(directives.find((d) => d.startsWith("script-src")) ?? "")?.[1];
    expect(nonce, policy).toBeDefined();
    seen.add(nonce!);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length, p).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, p).toContain(`nonce="${nonce}"`);
  }
  expect(seen.size).toBe(3);
});

/** Every CSP violation in any frame of `page`, as the browser reports it (event and console). */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI} at ${location.pathname}`);
    });
  });
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test("the framed portal and the sign-in pages work under the CSP, with no violation reported", async () => {
  const portalOrigin = new URL(server.url).origin;
  let frameUrl = "about:blank";
  host = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><html lang="en"><title>Dashboard</title><body>
      <iframe id="portal" title="Webhooks" src="${frameUrl}" style="width:100%;height:600px;border:0"></iframe>
      <script>window.events = []; addEventListener("message", (e) => { if (e.origin === ${JSON.stringify(portalOrigin)}) window.events.push(e.data); });</script>
      </body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  const hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;
  const cspApp = (await svix.application.create({ name: "Under CSP" })).id;
  await svix.endpoint.create(cspApp, { url: "https://receiver.example/csp-hook" });
  const link = await fetch(`${server.url}/api/v1/auth/app-portal-access/${cspApp}`, {
    method: "POST",
    headers: { ...org, "content-type": "application/json" },
    body: JSON.stringify({ allowedOrigins: [hostOrigin], branding: { name: "Acme webhooks" } }),
  });
  frameUrl = ((await link.json()) as { url: string }).url;

  const page = await browser.newPage();
  const violations = await watchViolations(page);
  await page.goto(hostOrigin);
  const frame = page.frameLocator("#portal");
  await expect.poll(() => frame.locator("#portal-title").textContent(), { timeout: 20_000 }).toBe("Acme webhooks");
  // Scripts ran, the ticket was exchanged and the endpoint list fetched its data.
  await expect.poll(() => frame.getByText("https://receiver.example/csp-hook").count(), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => page.evaluate(() => (window as unknown as { events: { type: string }[] }).events.map((e) => e.type))).toContain("ready");

  // Top-level: the sign-in form (client script, fetch, navigation), the confirm page, the screens and a Radix menu.
  const email = "ada@acme.example";
  const member = await fetch(`${server.url}/api/admin/apps/${cspApp}/members/${encodeURIComponent(email)}`, {
    method: "PUT",
    headers: { ...org, "content-type": "application/json" },
    body: JSON.stringify({ capabilities: null }),
  });
  expect(member.status).toBeLessThan(300);
  await page.goto(`${server.url}/login`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.waitForURL(/\/check-email$/, { timeout: 20_000 });
  await expect.poll(mailedLink, { timeout: 20_000 }).not.toBeNull();
  await page.goto(mailedLink()!);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Its only application opens straight away.
  await page.waitForURL(`${server.url}/embed/${cspApp}`, { timeout: 20_000 });
  await expect.poll(() => page.getByText("https://receiver.example/csp-hook").count(), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Account" }).click();
  await expect.poll(() => page.getByRole("menuitem", { name: "Sign out" }).count()).toBe(1);
  // Reports are asynchronous: give any late one time to arrive before reading the list.
  await page.waitForTimeout(500);
  expect(violations).toEqual([]);
  await page.close();
});

/** The sign-in link from the mail the server wrote to DATA_DIR/outbox (no EMAIL_SERVER here). */
function mailedLink(): string | null {
  const outbox = path.join(dataDir, "outbox");
  if (!existsSync(outbox)) return null;
  for (const file of readdirSync(outbox).filter((f) => f.endsWith(".txt"))) {
    const link = readFileSync(path.join(outbox, file), "utf8").match(/https?:\/\/\S+\/confirm\?\S+/)?.[0];
    if (link) return link;
  }
  return null;
}
