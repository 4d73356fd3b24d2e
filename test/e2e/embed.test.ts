import http from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { Svix } from "svix";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser } from "../support/browser";
import { startNextServer, type NextServer } from "../support/next-server";

const ORG_TOKEN = "e2e_org_token_0123456789abcdefghij";
const AXE = readFileSync(path.join(process.cwd(), "node_modules/axe-core/axe.min.js"), "utf8");

let server: NextServer;
let browser: Browser;
let dataDir: string;
let svix: Svix;
let appId: string;
const hosts: http.Server[] = [];

/** A SaaS dashboard page on its own origin that frames `url` and records the portal's messages. */
async function hostPage(portalOrigin: string): Promise<{ origin: string; serve(url: string): void }> {
  let frameUrl = "about:blank";
  const s = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><html lang="en"><title>Dashboard</title><body>
      <h1>Acme dashboard</h1>
      <iframe id="portal" title="Webhooks" src="${frameUrl}" style="width:100%;height:600px;border:0"></iframe>
      <script>
        window.events = [];
        window.addEventListener("message", (e) => {
          if (e.origin === ${JSON.stringify(portalOrigin)}) window.events.push(e.data);
        });
      </script></body></html>`);
  });
  hosts.push(s);
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  // "localhost" while the portal is on 127.0.0.1: a different site, as a real embed is.
  return { origin: `http://localhost:${(s.address() as AddressInfo).port}`, serve: (url) => void (frameUrl = url) };
}

async function portalLink(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/app-portal-access/${appId}`, {
    method: "POST",
    headers: { authorization: `Bearer ${ORG_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { url: string }).url;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-e2e-"));
  server = await startNextServer({ DATA_DIR: dataDir, CORE_API_TOKEN: ORG_TOKEN, DATABASE_URL: undefined });
  svix = new Svix(ORG_TOKEN, { serverUrl: server.url });
  appId = (await svix.application.create({ name: "Acme", uid: "acme-e2e" })).id;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  for (const h of hosts) h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test("an allowed host frames the portal: the ticket is exchanged, stripped from the URL, and the host hears `ready`", async () => {
  const host = await hostPage(new URL(server.url).origin);
  const url = await portalLink({ allowedOrigins: [host.origin], branding: { name: "Acme webhooks" } });
  host.serve(url);
  const page = await browser.newPage();
  await page.goto(host.origin);
  const frame = page.frameLocator("#portal");
  await expect.poll(() => frame.locator("#portal-title").textContent(), { timeout: 20_000 }).toBe("Acme webhooks");
  // The session is up: the first screen (the endpoint list, empty here) has loaded its data.
  await expect.poll(() => frame.getByRole("heading", { name: "No endpoints yet" }).count(), { timeout: 20_000 }).toBe(1);

  const portalFrame = page.frames().find((f) => f.url().startsWith(server.url))!;
  expect(portalFrame.url()).toBe(`${server.url}/embed/${appId}`);
  await expect.poll(() => page.evaluate(() => (window as unknown as { events: { type: string }[] }).events.map((e) => e.type))).toContain("ready");

  // The same link a second time is spent: the frame says the session ended instead.
  const again = await browser.newPage();
  await again.goto(host.origin);
  const ended = again.frameLocator("#portal").getByRole("alert").filter({ hasText: "Your session has ended" });
  await expect.poll(() => ended.count(), { timeout: 20_000 }).toBe(1);
  await again.close();

  // No accessibility violations in the embedded page.
  await portalFrame.evaluate(AXE);
  const violations = await portalFrame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }).axe;
    return (await axe.run()).violations.map((v) => v.id);
  });
  expect(violations).toEqual([]);
  await page.close();
});

test("a host that is not allowed cannot frame the portal", async () => {
  const allowed = await hostPage(new URL(server.url).origin);
  const other = await hostPage(new URL(server.url).origin);
  const url = await portalLink({ allowedOrigins: [allowed.origin] });
  other.serve(url);
  const page = await browser.newPage();
  const refused = page.waitForEvent("console", { predicate: (m) => /frame-ancestors/.test(m.text()), timeout: 20_000 });
  await page.goto(other.origin);
  await refused;
  await expect.poll(() => page.frameLocator("#portal").getByRole("heading", { name: "Endpoints" }).count()).toBe(0);
  await page.close();
});

test("the first paint already names the application, before any script or session", async () => {
  const res = await fetch(`${server.url}/embed/${appId}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toMatch(/<span id="portal-title"[^>]*>Acme<\/span>/);
  expect(html).toContain("<title>Acme</title>");
  expect((await fetch(`${server.url}/embed/app_doesNotExist0000000000000`)).status).toBe(404);
});

/** The sign-in link from the mail the server wrote to DATA_DIR/outbox (no EMAIL_SERVER here). */
function mailedLink(): string | null {
  const outbox = path.join(dataDir, "outbox");
  if (!existsSync(outbox)) return null;
  // The .txt beside each .eml holds the mail's text as it reads.
  for (const file of readdirSync(outbox).filter((f) => f.endsWith(".txt"))) {
    const link = readFileSync(path.join(outbox, file), "utf8").match(/https?:\/\/\S+\/confirm\?\S+/)?.[0];
    if (link) return link;
  }
  return null;
}

test("a magic-link user signs in and uses the same screens top-level, on the cookie session", async () => {
  const email = "ada@acme.example";
  const member = await fetch(`${server.url}/api/admin/apps/${appId}/members/${encodeURIComponent(email)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${ORG_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ capabilities: null }),
  });
  expect(member.status).toBeLessThan(300);
  const page = await browser.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.waitForURL(/\/check-email$/, { timeout: 20_000 });
  await expect.poll(mailedLink, { timeout: 20_000 }).not.toBeNull();
  await page.goto(mailedLink()!);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The chooser opens the only application straight away, in the iframe's tree of screens.
  await page.waitForURL(`${server.url}/embed/${appId}`, { timeout: 20_000 });
  await expect.poll(() => page.getByRole("heading", { name: "No endpoints yet" }).count(), { timeout: 20_000 }).toBe(1);
  expect(await page.locator("#portal-title").textContent()).toBe("Acme");
  // A magic-link user has an account menu: who is signed in, another application, sign out.
  await page.getByRole("button", { name: "Account" }).click();
  await expect.poll(() => page.getByRole("menuitem", { name: "Sign out" }).count()).toBe(1);
  expect(await page.getByText(`Signed in as ${email}`).count()).toBe(1);
  await page.close();
});

test("pages outside /embed refuse to be framed at all", async () => {
  const res = await fetch(`${server.url}/login`);
  expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
});
