import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser } from "../support/browser";
import { startNextServer, type NextServer } from "../support/next-server";
import { captureScreen, mintLink, openPortal, settle } from "../support/portal-browser";
import { verify } from "../support/receiver";
import { seedPortal, type SeededPortal } from "../support/seed-portal";

const ORG_TOKEN = "e2e_org_token_catalog_0123456789abcdef";

/** invoice.paid as the test knows it (the server's demo seed made the type first, with a smaller schema). */
const INVOICE_PAID = {
  type: "object",
  title: "Invoice",
  required: ["id", "amount", "currency"],
  properties: {
    id: { type: "string", description: "The invoice's id." },
    amount: { type: "integer", description: "Amount in the smallest currency unit." },
    currency: { type: "string", description: "ISO 4217 code, lower case." },
    status: { type: "string", enum: ["draft", "open", "paid"] },
    customer: { type: "object", required: ["id"], properties: { id: { type: "string" }, email: { type: "string", format: "email" } } },
    lines: { type: "array", description: "What was billed.", items: { type: "object", properties: { description: { type: "string" }, amount: { type: "integer" } } } },
  },
  examples: [{ id: "in_1Mq2", amount: 4200, currency: "eur", status: "paid", customer: { id: "cus_9s6X", email: "ada@example.com" }, lines: [{ description: "Pro plan", amount: 4200 }] }],
};
const ALL = ["ViewBase", "ViewEndpointSecret", "ManageEndpoint", "CreateAttempts"];

let server: NextServer;
let browser: Browser;
let dataDir: string;
let seed: SeededPortal;
const contexts: BrowserContext[] = [];

/** A fresh portal link opened on `screen` (the ticket stays in the fragment). */
async function open(screen: string, body: Record<string, unknown> = { capabilities: ALL }, opts: { width?: number } = {}): Promise<Page> {
  const link = await mintLink(server.url, ORG_TOKEN, seed.appId, body);
  const { context, page } = await openPortal(browser, link.replace("#", `/${screen}#`), opts);
  contexts.push(context);
  return page;
}

const typeNames = (page: Page) => page.getByRole("navigation", { name: "Event types" }).locator("a code").allTextContents();
const search = (page: Page) => new URL(page.url()).search;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-e2e-catalog-"));
  // E2E_DATABASE_URL runs the same file against Postgres (a database of its own: the server migrates it).
  server = await startNextServer({ DATA_DIR: dataDir, CORE_API_TOKEN: ORG_TOKEN, DATABASE_URL: process.env.E2E_DATABASE_URL, ENDPOINT_ALLOWLIST: "127.0.0.1/32" });
  seed = await seedPortal(server.url, ORG_TOKEN, { messages: 3 });
  await seed.svix.eventType.update("invoice.paid", { description: "An invoice was paid in full.", schemas: { "1": INVOICE_PAID } });
  await seed.svix.eventType
    .create({ name: "charge.legacy_captured", description: "A charge was captured (old flow).", deprecated: true })
    .catch((err: unknown) => {
      if (!/409/.test(String((err as { code?: number }).code))) throw err;
    });
  browser = await launchBrowser();
  // A cold production build on a shared 2-core machine can take longer than the suite's default.
}, 1_200_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await seed?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("event catalog", () => {
  test("lists the seeded types by prefix, deprecated ones marked; search filters, in the URL, through a reload", async () => {
    const page = await open("event-types");
    await expect.poll(() => typeNames(page)).toEqual(["charge.legacy_captured", "customer.created", "invoice.paid", "invoice.payment_failed", "subscription.canceled"]);
    const nav = page.getByRole("navigation", { name: "Event types" });
    expect(await nav.getByRole("heading", { level: 2 }).allTextContents()).toEqual(["charge", "customer", "invoice", "subscription"]);
    expect(await nav.getByRole("link", { name: /charge\.legacy_captured/ }).getByText("Deprecated").count()).toBe(1);
    expect(await nav.getByText("Deprecated").count()).toBe(1);

    const shots = await captureScreen(page, "catalog-list");
    expect(shots.violations).toEqual([]);
    expect(shots.overflow).toEqual([]);

    await page.getByRole("searchbox", { name: "Search event types" }).fill("invoice");
    await expect.poll(() => typeNames(page)).toEqual(["invoice.paid", "invoice.payment_failed"]);
    expect(search(page)).toBe("?q=invoice");
    // Words match descriptions too.
    await page.getByRole("searchbox", { name: "Search event types" }).fill("signed up");
    await expect.poll(() => typeNames(page)).toEqual(["customer.created"]);

    await page.reload();
    await settle(page);
    expect(await page.getByRole("searchbox", { name: "Search event types" }).inputValue()).toBe("signed up");
    await expect.poll(() => typeNames(page)).toEqual(["customer.created"]);

    await page.getByRole("searchbox", { name: "Search event types" }).fill("no such thing");
    await expect.poll(() => page.getByRole("heading", { name: "No matching event types" }).count()).toBe(1);
    await page.getByRole("button", { name: "Clear search" }).click();
    await expect.poll(() => typeNames(page)).toHaveLength(5);
    expect(search(page)).toBe("");
  });

  test("selecting a type shows its property table and the raw schema on a toggle; back returns to the list; a deep link opens the type", async () => {
    const page = await open("event-types");
    await page.getByRole("link", { name: /invoice\.paid/ }).click();
    await expect.poll(() => page.getByRole("heading", { name: "invoice.paid", level: 2 }).count()).toBe(1);
    expect(search(page)).toBe("?type=invoice.paid");
    expect(await page.getByText("An invoice was paid in full.").count()).toBeGreaterThan(0);

    const table = page.getByRole("table");
    const cells = await table.locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => {
        const tds = [...tr.querySelectorAll("td")];
        const shown = tds.filter((td) => getComputedStyle(td).display !== "none").map((td) => td.innerText.trim());
        return { cells: shown, indent: parseFloat(getComputedStyle(tds[0]!).paddingLeft) };
      }),
    );
    // Each row's path from the indentation: a nested property sits further in than the row it belongs to.
    const stack: { indent: number; name: string }[] = [];
    const rows = cells.map(({ cells: [name = "", type, required, about], indent }) => {
      while (stack.length > 0 && stack.at(-1)!.indent >= indent) stack.pop();
      const path = [...stack.map((x) => x.name), name].join(".");
      stack.push({ indent, name });
      return { path, type, required, about };
    });
    // At 1280 every column shows: property, type, requirement, description (with enum values).
    // The order is the stored schema's (the embedded core keeps schemas as jsonb, which orders keys by length).
    expect(rows.map((r) => [r.path, r.type, r.required]).sort()).toEqual(
      [
        ["id", "string", "Required"],
        ["amount", "integer", "Required"],
        ["currency", "string", "Required"],
        ["status", "string", "Optional"],
        ["customer", "object", "Optional"],
        ["customer.id", "string", "Required"],
        ["customer.email", "string · email", "Optional"],
        ["lines", "array of object", "Optional"],
        ["lines.description", "string", "Optional"],
        ["lines.amount", "integer", "Optional"],
      ].sort(),
    );
    const about = (path: string) => rows.find((r) => r.path === path)?.about;
    expect(about("status")).toMatch(/^One of\s*draft\s*open\s*paid$/);
    expect(about("amount")).toBe("Amount in the smallest currency unit.");
    expect(about("lines")).toBe("What was billed.");

    const example = page.getByRole("region", { name: "Example payload of invoice.paid" });
    expect(JSON.parse((await example.textContent()) ?? "")).toEqual(INVOICE_PAID.examples[0]);

    const selected = await captureScreen(page, "catalog-selected");
    expect(selected.violations).toEqual([]);
    expect(selected.overflow).toEqual([]);

    await page.getByRole("tab", { name: "JSON schema" }).click();
    const raw = page.getByRole("region", { name: "JSON schema of invoice.paid" });
    await expect.poll(() => raw.count()).toBe(1);
    expect(JSON.parse((await raw.textContent()) ?? "")).toEqual(INVOICE_PAID);
    expect(search(page)).toBe("?type=invoice.paid&view=raw");
    await page.getByRole("tab", { name: "Properties" }).click();
    await expect.poll(() => page.getByRole("table").count()).toBe(1);

    // Another type, then back: the previous one again, then the list alone.
    await page.getByRole("link", { name: /subscription\.canceled/ }).click();
    await expect.poll(() => page.getByRole("heading", { name: "subscription.canceled", level: 2 }).count()).toBe(1);
    expect(await page.getByText("This event type has no schema.").count()).toBe(1);
    await page.goBack();
    await expect.poll(() => page.getByRole("heading", { name: "invoice.paid", level: 2 }).count()).toBe(1);
    await page.goBack();
    await expect.poll(() => page.getByRole("heading", { name: "Choose an event type" }).count()).toBe(1);

    const deep = await open("event-types?type=invoice.payment_failed&view=raw");
    await expect.poll(() => deep.getByRole("heading", { name: "invoice.payment_failed", level: 2 }).count()).toBe(1);
    expect(await deep.getByRole("tab", { name: "JSON schema", selected: true }).count()).toBe(1);
    expect(JSON.parse((await deep.getByRole("region", { name: "JSON schema of invoice.payment_failed" }).textContent()) ?? "")).toMatchObject({
      examples: [{ status: "open" }],
    });

    const unknown = await open("event-types?type=nothing.here");
    await expect.poll(() => unknown.getByRole("heading", { name: "Not found" }).count()).toBe(1);
  });

  test("at 360 px the list comes first and a type opens on its own, with a way back", async () => {
    const page = await open("event-types", { capabilities: ALL }, { width: 360 });
    expect(await page.getByRole("heading", { name: "Choose an event type" }).isVisible()).toBe(false);
    await page.getByRole("link", { name: /invoice\.paid/ }).click();
    await expect.poll(() => page.getByRole("heading", { name: "invoice.paid", level: 2 }).isVisible()).toBe(true);
    expect(await page.getByRole("navigation", { name: "Event types" }).isVisible()).toBe(false);
    // Type and requirement fold into the property's cell.
    expect(await page.getByRole("columnheader", { name: "Type" }).isVisible()).toBe(false);
    expect(await page.getByRole("table").locator("tbody tr").first().innerText()).toMatch(/id\s+string\s+Required\s+The invoice's id\./);
    await page.getByRole("link", { name: "All event types" }).click();
    await expect.poll(() => page.getByRole("navigation", { name: "Event types" }).isVisible()).toBe(true);
    expect(search(page)).toBe("");
  });

  test("Send example reaches the chosen endpoint, signed, and the screen shows the attempt's 200", async () => {
    const before = seed.healthy.received.length;
    const page = await open("event-types?type=invoice.paid");
    const endpoints = page.getByRole("combobox", { name: "Endpoint" });
    await endpoints.click();
    const healthyUrl = `${seed.healthy.url}/webhooks`;
    // Only enabled endpoints that take invoice.paid: the healthy one (filtered to it) and the failing one (all events).
    expect((await page.getByRole("option").allTextContents()).sort()).toEqual([`${seed.failing.url}/hooks/acme`, healthyUrl].sort());
    await page.getByRole("option", { name: healthyUrl }).click();
    await page.getByRole("button", { name: "Send example" }).click();

    await seed.healthy.waitFor(before + 1, 30_000);
    const got = seed.healthy.received[before]!;
    const { key } = await seed.svix.endpoint.getSecret(seed.appId, seed.endpoints.healthy);
    expect(verify(key, got)).toEqual(INVOICE_PAID.examples[0]);

    const status = page.getByRole("status").filter({ hasText: "HTTP 200" });
    await expect.poll(() => status.count(), { timeout: 30_000 }).toBe(1);
    expect(await status.getByText("Succeeded").count()).toBe(1);
    const href = await status.getByRole("link", { name: "View message" }).getAttribute("href");
    expect(href).toBe(`/embed/${seed.appId}/messages/${String(got.headers["webhook-id"])}`);

    const sent = await captureScreen(page, "catalog-sent");
    expect(sent.violations).toEqual([]);
    expect(sent.overflow).toEqual([]);
  });

  test("a ViewBase session sees the catalog but no Send example", async () => {
    const page = await open("event-types?type=invoice.paid", { capabilities: ["ViewBase"] });
    await expect.poll(() => page.getByRole("heading", { name: "invoice.paid", level: 2 }).count()).toBe(1);
    expect(await page.getByRole("region", { name: "Example payload of invoice.paid" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Send example" }).count()).toBe(0);
    expect(await page.getByRole("combobox", { name: "Endpoint" }).count()).toBe(0);
  });

  test("a host that hides the catalog: no tab in the navigation, and the screen is not found", async () => {
    const page = await open("event-types?type=invoice.paid", { capabilities: ALL, branding: { hide: ["eventCatalog"] } });
    await expect.poll(() => page.getByRole("heading", { name: "Not found" }).count()).toBe(1);
    const nav = page.getByRole("navigation", { name: "Portal" });
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Endpoints", "Messages"]);
    expect(await page.getByText("invoice.paid").count()).toBe(0);
  });
});
