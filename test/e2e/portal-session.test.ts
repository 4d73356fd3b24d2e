import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { Svix } from "svix";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser } from "../support/browser";
import { startNextServer, type NextServer } from "../support/next-server";
import { axe } from "../support/portal-browser";

const ORG_TOKEN = "e2e_org_token_session_0123456789abcdef";

let server: NextServer;
let browser: Browser;
let dataDir: string;
let appId: string;
let host: http.Server;
let hostOrigin: string;
let minted = 0;

async function mint(): Promise<string> {
  minted++;
  const res = await fetch(`${server.url}/api/v1/auth/app-portal-access/${appId}`, {
    method: "POST",
    headers: { authorization: `Bearer ${ORG_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ allowedOrigins: [hostOrigin], sessionId: "user_7" }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { url: string }).url;
}

/**
 * A SaaS dashboard on another origin that does what README tells a host to do: frame the portal
 * and answer token:request with a link its backend mints (here: GET /link on the same server).
 */
async function startHost(portalOrigin: string): Promise<void> {
  host = http.createServer((req, res) => {
    if (req.url === "/link") {
      void mint().then((url) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ url }));
      });
      return;
    }
    void mint().then((url) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<!doctype html><html lang="en"><title>Dashboard</title><body>
        <h1>Acme dashboard</h1>
        <iframe id="portal" title="Webhooks" src="${url}" style="width:100%;height:700px;border:0"></iframe>
        <script>
          window.events = [];
          const frame = document.getElementById("portal");
          window.addEventListener("message", async (e) => {
            if (e.origin !== ${JSON.stringify(portalOrigin)} || e.data?.porthole !== 1) return;
            window.events.push(e.data.type);
            if (e.data.type !== "token:request") return;
            const { url } = await (await fetch("/link")).json();
            frame.contentWindow.postMessage({ porthole: 1, type: "token:response", payload: { url } }, ${JSON.stringify(portalOrigin)});
          });
        </script></body></html>`);
    });
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  // "localhost" while the portal is on 127.0.0.1: a different site, as a real embed is.
  hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-e2e-session-"));
  server = await startNextServer({ DATA_DIR: dataDir, CORE_API_TOKEN: ORG_TOKEN, DATABASE_URL: undefined });
  const svix = new Svix(ORG_TOKEN, { serverUrl: server.url });
  appId = (await svix.application.create({ name: "Acme", uid: "acme-session" })).id;
  await svix.endpoint.create(appId, { url: "https://hooks.example.com/acme", description: "Production" });
  await startHost(new URL(server.url).origin);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test("a session that ends inside the frame is renewed by the host's new link: same screen, no reload", async () => {
  const page = await browser.newPage();
  await page.goto(hostOrigin);
  const frame = page.frameLocator("#portal");
  await expect.poll(() => frame.getByRole("link", { name: "https://hooks.example.com/acme" }).count(), { timeout: 30_000 }).toBe(1);
  const portal = page.frames().find((f) => f.url().startsWith(server.url))!;
  // Marks this document: a reload would lose it.
  await portal.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  const before = minted;

  // The SaaS ends every portal session of the app (a user signed out of its dashboard, say).
  const revoked = await fetch(`${server.url}/api/admin/apps/${appId}/sessions/revoke`, {
    method: "POST",
    headers: { authorization: `Bearer ${ORG_TOKEN}`, "content-type": "application/json" },
    body: "{}",
  });
  expect(revoked.status).toBeLessThan(300);

  // The next call the screen makes is refused; the frame asks the host, the host mints, the
  // frame trades the new ticket and the screen comes back where the user was.
  await frame.getByRole("link", { name: "https://hooks.example.com/acme" }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { events: string[] }).events), { timeout: 30_000 }).toContain("token:request");
  await expect.poll(() => minted, { timeout: 30_000 }).toBeGreaterThan(before);
  await expect.poll(() => portal.url(), { timeout: 30_000 }).toMatch(new RegExp(`/embed/${appId}/endpoints/ep_`));
  await expect.poll(() => frame.getByRole("alert").filter({ hasText: "Your session has ended" }).count(), { timeout: 30_000 }).toBe(0);
  expect(await portal.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  expect(await axe(portal)).toEqual([]);
  await page.close();
});

test("a link's locale opens the portal in German; the language switch changes it in place, session and screen kept", async () => {
  const res = await fetch(`${server.url}/api/v1/auth/app-portal-access/${appId}`, {
    method: "POST",
    headers: { authorization: `Bearer ${ORG_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ locale: "de" }),
  });
  const { url } = (await res.json()) as { url: string };
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.goto(url);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 30_000 }).toBe("Endpunkte");
  expect(await page.getAttribute("html", "lang")).toBe("de");
  expect(await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Nachrichten" }).count()).toBe(1);

  await page.getByRole("button", { name: /Sprache/ }).click();
  await page.getByRole("menuitemradio", { name: "English" }).click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 30_000 }).toBe("Endpoints");
  expect(await page.getAttribute("html", "lang")).toBe("en");
  // Still signed in: the list is there, not the ended panel.
  expect(await page.getByRole("link", { name: "https://hooks.example.com/acme" }).count()).toBe(1);

  // Without a link locale or a choice, the browser's language decides.
  const german = await browser.newContext({ locale: "de-DE" });
  const p2 = await german.newPage();
  await p2.goto(await mint());
  await expect.poll(() => p2.getByRole("heading", { level: 1 }).textContent(), { timeout: 30_000 }).toBe("Endpunkte");
  await german.close();
  await context.close();
});

test("the host can hide the portal's navigation (branding hide: navigation) when its own menu links to the screens", async () => {
  const res = await fetch(`${server.url}/api/v1/auth/app-portal-access/${appId}`, {
    method: "POST",
    headers: { authorization: `Bearer ${ORG_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ branding: { hide: ["navigation"] } }),
  });
  const { url } = (await res.json()) as { url: string };
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await expect.poll(() => page.getByRole("link", { name: "https://hooks.example.com/acme" }).count(), { timeout: 30_000 }).toBe(1);
  expect(await page.getByRole("navigation", { name: "Portal" }).count()).toBe(0);
  await context.close();
});
