import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser } from "../support/browser";
import { testDatabase } from "../support/database";
import { startNextServer, type NextServer } from "../support/next-server";
import { captureScreen, mintLink, openPortal, settle } from "../support/portal-browser";
import { startReceiver, verify } from "../support/receiver";
import { seedPortal, type SeededPortal } from "../support/seed-portal";

const ORG_TOKEN = "e2e_org_token_endpoint_form_0123456789abcdef";
const MANAGER = ["ViewBase", "ManageEndpoint", "ViewEndpointSecret", "ManageEndpointSecret", "CreateAttempts"];

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

let server: NextServer;
let browser: Browser;
let dataDir: string;
let seed: SeededPortal;
let rx: Receiver;
let db: Awaited<ReturnType<typeof testDatabase>> | null = null;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-e2e-endpoint-form-"));
  // With DATABASE_URL set the server runs on a fresh Postgres database of its own.
  db = process.env.DATABASE_URL ? await testDatabase() : null;
  server = await startNextServer({ DATA_DIR: dataDir, CORE_API_TOKEN: ORG_TOKEN, DATABASE_URL: db?.url, ENDPOINT_ALLOWLIST: "127.0.0.1/32" });
  seed = await seedPortal(server.url, ORG_TOKEN, { uid: "acme-form", messages: 2 });
  rx = await startReceiver();
  browser = await launchBrowser();
  // A first build on a busy machine can take longer than the suite's hook timeout.
}, 900_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await rx?.close();
  await seed?.close();
  await server?.stop();
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(capabilities: string[], pathInPortal = "", opts: { width?: number } = {}): Promise<Page> {
  const link = await mintLink(server.url, ORG_TOKEN, seed.appId, { capabilities });
  const { context, page } = await openPortal(browser, link, opts);
  contexts.push(context);
  if (pathInPortal) {
    await page.goto(`${server.url}/embed/${seed.appId}/${pathInPortal}`);
    await settle(page);
  }
  return page;
}

/** The text of the error Field renders for a control (its aria-describedby ending in -error). */
async function fieldError(page: Page, label: string): Promise<string | null> {
  return page.getByLabel(label, { exact: true }).evaluate((el) => {
    const id = (el.getAttribute("aria-describedby") ?? "").split(" ").find((x) => x.endsWith("-error"));
    return id ? (document.getElementById(id)?.textContent ?? null) : null;
  });
}

const urls = async () => (await seed.svix.endpoint.list(seed.appId, { limit: 250 })).data.map((e) => e.url).sort();

let createdId = "";

test("add an endpoint: refusals land under the URL and create nothing; events picked by keyboard; the secret is shown once and verifies a delivery", async () => {
  const page = await open(MANAGER);
  await page.getByRole("link", { name: "Add endpoint" }).click();
  await page.waitForURL(/\/endpoints\/new$/);
  await settle(page);
  const empty = await captureScreen(page, "endpoint-new");
  expect(empty.violations).toEqual([]);
  expect(empty.overflow).toEqual([]);
  const before = await urls();

  // Not a URL: the browser says so and asks nothing.
  const url = page.getByLabel("Endpoint URL", { exact: true });
  await url.fill("hooks.example.com/no-scheme");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect.poll(() => fieldError(page, "Endpoint URL")).toBe("Enter a full URL that starts with https:// or http://.");
  await expect.poll(() => url.evaluate((el) => el === document.activeElement)).toBe(true);

  // A private address passes the browser's check; the server's refusal shows under the URL field.
  await url.fill("http://10.0.0.7/hooks");
  await page.getByLabel("Description").fill("Kept after a refusal");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect.poll(() => fieldError(page, "Endpoint URL"), { timeout: 30_000 }).toMatch(/10\.0\.0\.7/);
  await expect.poll(() => url.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await page.getByLabel("Description").inputValue()).toBe("Kept after a refusal");
  expect(await urls()).toEqual(before);
  const refused = await captureScreen(page, "endpoint-new-error");
  expect(refused.violations).toEqual([]);
  expect(refused.overflow).toEqual([]);

  // Two event types chosen with the keyboard only.
  await url.fill(`${rx.url}/new-hook`);
  await page.getByRole("radio", { name: /Selected events/ }).focus();
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "Choose events" }).focus();
  await page.keyboard.press("Enter");
  const search = page.getByRole("searchbox", { name: "Search events" });
  await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
  // What a user waits for before moving on: the list showing only what matches.
  const listed = () => page.getByRole("dialog", { name: "Event types" }).getByRole("checkbox").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  await page.keyboard.type("paid");
  await expect.poll(listed).toEqual(["All invoice events", "invoice.paid"]);
  await page.keyboard.press("ArrowDown"); // the invoice group
  await page.keyboard.press("ArrowDown"); // invoice.paid
  await page.keyboard.press("Space");
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowUp"); // back in the search box
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("customer");
  await expect.poll(listed).toEqual(["All customer events", "customer.created"]);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Space");
  await page.keyboard.press("Escape");
  await expect.poll(() => page.getByRole("button", { name: /2 events chosen/ }).evaluate((el) => el === document.activeElement)).toBe(true);
  const chips = page.getByRole("list", { name: "Chosen events" }).getByRole("listitem");
  expect((await chips.allTextContents()).sort()).toEqual(["customer.created", "invoice.paid"]);

  await page.getByRole("button", { name: "Create endpoint" }).click();
  await page.waitForURL(/\/endpoints\/ep_[A-Za-z0-9]+\?created=1$/, { timeout: 30_000 });
  createdId = new URL(page.url()).pathname.split("/").pop()!;
  const made = await seed.svix.endpoint.get(seed.appId, createdId);
  expect(made.url).toBe(`${rx.url}/new-hook`);
  expect(made.description).toBe("Kept after a refusal");
  expect([...(made.filterTypes ?? [])].sort()).toEqual(["customer.created", "invoice.paid"]);

  // The secret, once, on the new endpoint's page; a delivery verifies with it.
  const banner = page.getByRole("region", { name: "Endpoint created" });
  await expect.poll(() => banner.getByLabel("Signing secret").inputValue(), { timeout: 30_000 }).toMatch(/^whsec_/);
  const secret = await banner.getByLabel("Signing secret").inputValue();
  expect(secret).toBe((await seed.svix.endpoint.getSecret(seed.appId, createdId)).key);
  const msg = await seed.svix.message.create(seed.appId, { eventType: "invoice.paid", payload: { id: "in_new", amount: 100 } });
  await seed.svix.message.create(seed.appId, { eventType: "subscription.canceled", payload: { id: "sub_1" } });
  await rx.waitFor(1, 30_000);
  const got = rx.received.find((r) => r.headers["webhook-id"] === msg.id)!;
  expect(got).toBeDefined();
  expect(verify(secret, got)).toMatchObject({ id: "in_new" });

  const shown = await captureScreen(page, "endpoint-created");
  expect(shown.violations).toEqual([]);
  expect(shown.overflow).toEqual([]);

  await banner.getByRole("button", { name: "Dismiss" }).click();
  await page.waitForURL((u) => !u.search.includes("created"));
  expect(await page.getByRole("region", { name: "Endpoint created" }).count()).toBe(0);
  // Only the chosen event types came: subscription.canceled was filtered out.
  expect(rx.received.map((r) => (JSON.parse(r.body) as { id: string }).id)).toEqual(["in_new"]);
});

test("settings: edit description and events, disable and enable, headers with a sensitive value masked, delete with a typed word", async () => {
  expect(createdId).not.toBe("");
  const page = await open(MANAGER, `endpoints/${createdId}/settings`);
  const description = page.getByLabel("Description");
  expect(await description.inputValue()).toBe("Kept after a refusal");

  // Edit: a new description, and invoice.paid dropped from the filter (a chip removed).
  await description.fill("Billing receiver");
  await page.getByRole("button", { name: "Remove invoice.paid" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect.poll(() => page.getByRole("status").filter({ hasText: "Saved." }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
  const edited = await seed.svix.endpoint.get(seed.appId, createdId);
  expect(edited.description).toBe("Billing receiver");
  expect(edited.filterTypes).toEqual(["customer.created"]);
  await page.reload();
  await settle(page);
  expect(await page.getByLabel("Description").inputValue()).toBe("Billing receiver");

  // Disable → enable.
  await page.getByRole("button", { name: "Disable endpoint" }).click();
  await expect.poll(() => page.getByRole("button", { name: "Enable endpoint" }).count(), { timeout: 30_000 }).toBe(1);
  expect((await seed.svix.endpoint.get(seed.appId, createdId)).disabled).toBe(true);
  await page.getByRole("button", { name: "Enable endpoint" }).click();
  await expect.poll(() => page.getByRole("button", { name: "Disable endpoint" }).count(), { timeout: 30_000 }).toBe(1);
  expect((await seed.svix.endpoint.get(seed.appId, createdId)).disabled).toBe(false);

  // Headers: one plain, one sensitive. Saved, the sensitive value is never on the page again.
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header name 1", { exact: true }).fill("X-Tenant");
  await page.getByLabel("Header value 1", { exact: true }).fill("acme");
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header name 2", { exact: true }).fill("Authorization");
  await page.getByLabel("Header value 2", { exact: true }).fill("Bearer top-secret-value");
  await page.getByRole("button", { name: "Save headers" }).click();
  await expect.poll(() => page.getByRole("button", { name: "Replace value of authorization" }).count(), { timeout: 30_000 }).toBe(1);
  expect(await page.content()).not.toContain("top-secret-value");
  expect(await seed.svix.endpoint.getHeaders(seed.appId, createdId)).toMatchObject({ headers: { "x-tenant": "acme" }, sensitive: ["authorization"] });

  // Changing the plain one keeps the sensitive value nobody here can see.
  await page.getByLabel("Header value 1", { exact: true }).fill("globex");
  await page.getByRole("button", { name: "Save headers" }).click();
  await expect.poll(async () => (await seed.svix.endpoint.getHeaders(seed.appId, createdId)).headers, { timeout: 30_000 }).toEqual({ "x-tenant": "globex" });
  await settle(page);
  const n = rx.received.length;
  const msg = await seed.svix.message.create(seed.appId, { eventType: "customer.created", payload: { id: "cus_2" } });
  await rx.waitFor(n + 1, 30_000);
  const delivered = rx.received.find((r) => r.headers["webhook-id"] === msg.id)!;
  expect(delivered.headers.authorization).toBe("Bearer top-secret-value");
  expect(delivered.headers["x-tenant"]).toBe("globex");

  const shot = await captureScreen(page, "endpoint-settings");
  expect(shot.violations).toEqual([]);
  expect(shot.overflow).toEqual([]);

  // Delete: the button works only once the word is typed; then the list, without it.
  await page.getByRole("button", { name: "Delete endpoint" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this endpoint?" });
  const confirm = dialog.getByRole("button", { name: "Delete endpoint" });
  expect(await confirm.isDisabled()).toBe(true);
  const asked = await captureScreen(page, "endpoint-delete-dialog");
  expect(asked.violations).toEqual([]);
  expect(asked.overflow).toEqual([]);
  await dialog.getByLabel("Type “delete” to confirm").fill("delet");
  expect(await confirm.isDisabled()).toBe(true);
  await dialog.getByLabel("Type “delete” to confirm").fill("delete");
  await confirm.click();
  await page.waitForURL(new RegExp(`/embed/${seed.appId}/endpoints$`), { timeout: 30_000 });
  await settle(page);
  expect(await page.getByRole("link", { name: `${rx.url}/new-hook` }).count()).toBe(0);
  await expect(seed.svix.endpoint.get(seed.appId, createdId)).rejects.toMatchObject({ code: 404 });
});

test("a read-only session sees no form control on either page", async () => {
  const page = await open(["ViewBase"], `endpoints/${seed.endpoints.healthy}/settings`);
  await expect.poll(() => page.getByText("Production receiver").count()).toBeGreaterThan(0);
  const controls = () => page.locator("main").locator('input, textarea, select, [role="checkbox"], [role="radio"], button[type="submit"]').count();
  expect(await controls()).toBe(0);
  for (const name of ["Save changes", "Disable endpoint", "Delete endpoint", "Add header", "Save headers"]) {
    expect(await page.getByRole("button", { name }).count()).toBe(0);
  }
  expect(await page.getByText("invoice.paid").count()).toBeGreaterThan(0);

  await page.goto(`${server.url}/embed/${seed.appId}/endpoints/new`);
  await settle(page);
  expect(await page.getByRole("heading", { name: "You can't add endpoints" }).count()).toBe(1);
  expect(await controls()).toBe(0);
});

test("the host's hide flags take channels, rate limit and custom headers off; the open picker passes axe at every width", async () => {
  const link = await mintLink(server.url, ORG_TOKEN, seed.appId, { capabilities: MANAGER, branding: { hide: ["channels", "rateLimit", "headers"] } });
  const { context, page } = await openPortal(browser, link);
  contexts.push(context);
  await page.goto(`${server.url}/embed/${seed.appId}/endpoints/${seed.endpoints.failing}/settings`);
  await settle(page);
  expect(await page.getByLabel("Description").inputValue()).toBe("Billing sync");
  for (const label of ["Channels", "Rate limit"]) expect(await page.getByLabel(label).count()).toBe(0);
  expect(await page.getByRole("heading", { name: "Custom headers" }).count()).toBe(0);

  await page.goto(`${server.url}/embed/${seed.appId}/endpoints/new`);
  await settle(page);
  expect(await page.getByLabel("Channels").count()).toBe(0);
  await page.getByRole("radio", { name: /Selected events/ }).check();
  await page.getByRole("button", { name: "Choose events" }).click();
  const picker = page.getByRole("dialog", { name: "Event types" });
  await picker.getByRole("checkbox", { name: "All invoice events" }).click();
  expect(await picker.getByRole("checkbox", { name: "invoice.payment_failed" }).getAttribute("data-state")).toBe("checked");
  expect(await picker.getByText("A payment attempt for an invoice failed.").count()).toBe(1);
  const shot = await captureScreen(page, "endpoint-new-picker");
  expect(shot.violations).toEqual([]);
  expect(shot.overflow).toEqual([]);
});
