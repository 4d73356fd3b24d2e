import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Frame } from "playwright-core";
import { Svix } from "svix";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser } from "../support/browser";
import { startNextServer, type NextServer } from "../support/next-server";
import { startReceiver } from "../support/receiver";

const ORG_TOKEN = "e2e_org_token_journey_0123456789abcdef";

let server: NextServer;
let browser: Browser;
let dataDir: string;
let host: http.Server;
let hostOrigin: string;
let frameUrl = "about:blank";

beforeAll(async () => {
  // The SaaS's dashboard, on another origin than the portal.
  host = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><html lang="en"><title>Dashboard</title><body><h1>Acme dashboard</h1>
      <iframe id="portal" title="Webhooks" src="${frameUrl}" style="width:100%;height:900px;border:0"></iframe></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;
  dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-e2e-journey-"));
  // The svix SDK drops Porthole's allowedOrigins, so the dashboard's origin is allowed the other way.
  server = await startNextServer({
    DATA_DIR: dataDir,
    CORE_API_TOKEN: ORG_TOKEN,
    DATABASE_URL: undefined,
    ENDPOINT_ALLOWLIST: "127.0.0.1/32",
    EMBED_ALLOWED_ORIGINS: hostOrigin,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test("a customer adds an endpoint in the framed portal, follows a delivery, a failure and its retry, and resends it — without a reload", async () => {
  let failing = false;
  const receiver = await startReceiver(() => (failing ? { status: 503, body: "down for maintenance" } : { status: 200, body: "ok" }));
  const svix = new Svix(ORG_TOKEN, { serverUrl: server.url });
  const app = await svix.application.create({ name: "Acme", uid: "acme-journey" });
  // A link minted exactly as a SaaS already on Svix mints one.
  frameUrl = (await svix.authentication.appPortalAccess(app.id, {})).url;

  const page = await browser.newPage();
  await page.goto(hostOrigin);
  const frame = page.frameLocator("#portal");
  await expect.poll(() => frame.getByRole("heading", { name: "No endpoints yet" }).count(), { timeout: 30_000 }).toBe(1);
  const portal = page.frames().find((f) => f.url().startsWith(server.url)) as Frame;
  await portal.evaluate(() => ((window as unknown as { marker: number }).marker = 7));

  // Add an endpoint through the form.
  await frame.getByRole("link", { name: "Add endpoint" }).first().click();
  await frame.getByLabel("Endpoint URL", { exact: true }).fill(`${receiver.url}/webhooks`);
  await frame.getByLabel("Description").fill("Orders service");
  await frame.getByRole("button", { name: "Create endpoint" }).click();
  await expect.poll(() => frame.getByRole("region", { name: "Endpoint created" }).count(), { timeout: 30_000 }).toBe(1);

  // A message through the core reaches it; the log shows it; its page shows the 200.
  const delivered = await svix.message.create(app.id, { eventType: "invoice.paid", payload: { id: "in_1", amount: 4200 } });
  await receiver.waitFor(1, 30_000);
  const nav = frame.getByRole("navigation", { name: "Portal" });
  await nav.getByRole("link", { name: "Messages" }).click();
  const row = (id: string) => frame.getByRole("list", { name: "Messages" }).locator(`li a[href*="/messages/${id}"]`);
  await expect.poll(() => row(delivered.id).count(), { timeout: 30_000 }).toBe(1);
  await row(delivered.id).click();
  const attempts = frame.getByRole("list", { name: "Attempts" });
  await expect.poll(() => attempts.getByRole("button").filter({ hasText: "200" }).getByText("Succeeded").count(), { timeout: 30_000 }).toBe(1);

  // The receiver fails: the next message shows the failure and when it will be tried again.
  failing = true;
  const failed = await svix.message.create(app.id, { eventType: "invoice.paid", payload: { id: "in_2", amount: 990 } });
  await receiver.waitFor(2, 30_000);
  await nav.getByRole("link", { name: "Messages" }).click();
  await expect.poll(() => row(failed.id).count(), { timeout: 30_000 }).toBe(1);
  await row(failed.id).click();
  const destination = frame.getByRole("region", { name: "Destinations" }).getByRole("listitem").filter({ hasText: "/webhooks" });
  await expect.poll(() => destination.getByText("Retrying").count(), { timeout: 30_000 }).toBe(1);
  await expect.poll(() => destination.getByText("Next attempt").count()).toBe(1);
  // The first retry comes 5 s later and may already have failed too: at least one failed attempt.
  await expect.poll(() => attempts.getByRole("button").filter({ hasText: "503" }).getByText("Failed").count(), { timeout: 30_000 }).toBeGreaterThan(0);

  // Fixed: Resend, and the new attempt succeeds on the same screen.
  failing = false;
  await destination.getByRole("button", { name: /^Resend to / }).click();
  const manual = attempts.getByRole("button").filter({ hasText: "Manual" });
  await expect.poll(() => manual.filter({ hasText: "200" }).getByText("Succeeded").count(), { timeout: 30_000 }).toBe(1);
  await expect.poll(() => destination.getByText("Succeeded").count(), { timeout: 30_000 }).toBe(1);
  // The two messages, at least one failed try of the second, and the manual resend.
  expect(receiver.received.length).toBeGreaterThanOrEqual(3);

  // One document the whole way: nothing reloaded the frame.
  expect(await portal.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
  await page.close();
  await receiver.close();
});
