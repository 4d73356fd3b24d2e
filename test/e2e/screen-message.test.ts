import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Database } from "@/lib/db/client";
import { launchBrowser } from "../support/browser";
import { testDatabase } from "../support/database";
import { startNextServer, type NextServer } from "../support/next-server";
import { captureScreen, mintLink, openPortal, settle } from "../support/portal-browser";
import { eventually } from "../support/receiver";
import { seedPortal, type SeededPortal } from "../support/seed-portal";

const ORG_TOKEN = "e2e_org_token_message_screen_0123456789";

let server: NextServer;
let browser: Browser;
let dataDir: string;
let seed: SeededPortal;
let postgres: (Database & { url: string | undefined }) | undefined;
const contexts: BrowserContext[] = [];

/** The first seeded message (invoice.paid): to the healthy endpoint (200) and the failing one (500). */
const firstMessage = () => seed.messageIds[0]!;

async function attemptsOf(messageId: string) {
  return (await seed.svix.messageAttempt.listByMsg(seed.appId, messageId)).data;
}

/** A fresh link each time: a ticket is spent by the first page that opens it. */
async function open(path: string, opts: Parameters<typeof openPortal>[2] = {}, grant: Record<string, unknown> = {}): Promise<Page> {
  const { context, page } = await openPortal(browser, await mintLink(server.url, ORG_TOKEN, seed.appId, grant), opts);
  contexts.push(context);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  await page.goto(`${server.url}/embed/${seed.appId}/${path}`);
  await settle(page);
  return page;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-e2e-message-"));
  // A retry an hour away: the failed destination shows its next attempt and stays put during the test.
  // With DATABASE_URL the server runs on a Postgres database of its own; PGlite in DATA_DIR otherwise.
  postgres = process.env.DATABASE_URL ? await testDatabase() : undefined;
  server = await startNextServer({ DATA_DIR: dataDir, CORE_API_TOKEN: ORG_TOKEN, DATABASE_URL: postgres?.url, ENDPOINT_ALLOWLIST: "127.0.0.1/32", RETRY_SCHEDULE: "1h" });
  seed = await seedPortal(server.url, ORG_TOKEN, { messages: 3 });
  // Every seeded message has had its first try at every destination before a screen opens.
  for (const id of seed.messageIds) {
    const expected = id === firstMessage() ? 2 : seed.messageIds.indexOf(id) === 1 ? 2 : 1;
    await eventually(() => attemptsOf(id), (a) => a.length >= expected, 30_000);
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await seed?.close();
  await server?.stop();
  await postgres?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("a delivered payload: shown pretty, folded and unfolded by keyboard, raw, copied; the back link keeps the log's filters", async () => {
  const page = await open(`messages/${firstMessage()}?from=${encodeURIComponent("status=fail&eventTypes=invoice.paid")}`);
  await expect.poll(() => page.getByRole("heading", { name: "invoice.paid" }).count()).toBe(1);
  await expect.poll(() => page.getByText(firstMessage(), { exact: true }).count()).toBeGreaterThan(0);
  await expect.poll(() => page.getByText("evt_1000", { exact: true }).count()).toBe(1);
  const back = page.getByRole("link", { name: "Messages" }).last();
  expect(await back.getAttribute("href")).toBe(`/embed/${seed.appId}/messages?status=fail&eventTypes=invoice.paid`);

  const payload = page.getByRole("region", { name: "Payload JSON" });
  await expect.poll(() => payload.getByText('"in_1000"').count()).toBe(1);
  await expect.poll(() => payload.getByText('"cus_9s6X"').count()).toBe(1);

  // Folding by keyboard: Tab to the fold button and press Enter, then Space to unfold.
  const fold = payload.getByRole("button", { name: "customer" });
  await fold.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => fold.getAttribute("aria-expanded")).toBe("false");
  await expect.poll(() => payload.getByText('"cus_9s6X"').count()).toBe(0);
  await page.keyboard.press("Space");
  await expect.poll(() => fold.getAttribute("aria-expanded")).toBe("true");
  await expect.poll(() => payload.getByText('"cus_9s6X"').count()).toBe(1);

  await page.getByRole("button", { name: "Collapse all" }).click();
  await expect.poll(() => payload.getByText('"cus_9s6X"').count()).toBe(0);
  await page.getByRole("button", { name: "Expand all" }).click();
  await expect.poll(() => payload.getByText('"cus_9s6X"').count()).toBe(1);

  await page.getByRole("button", { name: "Raw" }).click();
  await expect.poll(() => page.getByRole("button", { name: "Raw" }).getAttribute("aria-pressed")).toBe("true");
  await expect.poll(() => payload.getByText('  "amount": 1200,').count()).toBe(1);
  expect(await payload.getByRole("button").count()).toBe(0);

  await page.getByRole("button", { name: "Copy", exact: true }).click();
  const copied = await eventually(() => page.evaluate(() => navigator.clipboard.readText()), (s) => s.length > 0);
  expect(JSON.parse(copied)).toEqual({ id: "in_1000", amount: 1200, currency: "eur", status: "paid", customer: { id: "cus_9s6X", email: "ada@example.com" } });
});

test("a failing receiver: the failed attempt with 500, its body and the next attempt; fixed and resent, a manual 200 appears without a reload", async () => {
  const page = await open(`messages/${firstMessage()}`);
  const destinations = page.getByRole("region", { name: "Destinations" });
  const failingRow = destinations.getByRole("listitem").filter({ hasText: "/hooks/acme" });
  await expect.poll(() => failingRow.getByText("Retrying").count()).toBe(1);
  await expect.poll(() => failingRow.getByText("Next attempt").count()).toBe(1);
  // The time the core has for the retry, in the user's words.
  const queued = (await seed.svix.messageAttempt.listAttemptedDestinations(seed.appId, firstMessage())).data.find((d) => d.id === seed.endpoints.failing)!;
  expect(queued.nextAttempt).toBeInstanceOf(Date);
  await expect.poll(() => failingRow.locator("time").getAttribute("datetime")).toBe(queued.nextAttempt!.toISOString());
  expect(await failingRow.locator("time").textContent()).toMatch(/^in \d+ (minutes|hour)$/);

  const attempts = page.getByRole("list", { name: "Attempts" });
  const failed = attempts.getByRole("button").filter({ hasText: "500" });
  await expect.poll(() => failed.count()).toBe(1);
  await expect.poll(() => failed.getByText("Failed").count()).toBe(1);
  await expect.poll(() => failed.getByText("Scheduled").count()).toBe(1);
  await failed.click();
  await expect.poll(() => failed.getAttribute("aria-expanded")).toBe("true");
  const body = page.getByRole("region", { name: "Response body" });
  await expect.poll(() => body.textContent()).toContain('"error": "database unavailable"');
  // The open attempt is in the URL: a reload lands on the same view.
  await expect.poll(() => new URL(page.url()).searchParams.get("attempt")).toMatch(/^atmpt_/);

  const shots = await captureScreen(page, "message-failed");
  expect(shots.violations).toEqual([]);
  expect(shots.overflow).toEqual([]);

  seed.failing.fix();
  const before = seed.failing.received.length;
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await failingRow.getByRole("button", { name: /^Resend to / }).click();
  const manual = attempts.getByRole("button").filter({ hasText: "Manual" });
  await expect.poll(() => manual.count(), { timeout: 30_000 }).toBe(1);
  await expect.poll(() => manual.filter({ hasText: "200" }).getByText("Succeeded").count()).toBe(1);
  expect(seed.failing.received.length).toBe(before + 1);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await expect.poll(() => failingRow.getByText("Succeeded").count()).toBe(1);
  await expect.poll(() => failingRow.getByRole("button", { name: /^Resend to / }).isEnabled()).toBe(true);

  // Filter the attempts to the fixed endpoint: the manual success, then the scheduled failure.
  await page.getByRole("combobox", { name: "Show attempts to" }).click();
  await page.getByRole("option", { name: /\/hooks\/acme$/ }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("endpoint")).toBe(seed.endpoints.failing);
  await expect.poll(() => attempts.getByRole("button").allTextContents()).toEqual([expect.stringMatching(/Succeeded200.*Manual/), expect.stringMatching(/Failed500.*Scheduled/)]);

  await page.goto(`${server.url}/embed/${seed.appId}/messages/${firstMessage()}`);
  await settle(page);
  const delivered = await captureScreen(page, "message-delivered");
  expect(delivered.violations).toEqual([]);
  expect(delivered.overflow).toEqual([]);
});

test("a read-only session sees the message and its attempts but no Resend", async () => {
  const page = await open(`messages/${firstMessage()}`, {}, { readOnly: true });
  await expect.poll(() => page.getByRole("region", { name: "Destinations" }).getByRole("listitem").count()).toBe(2);
  await expect.poll(() => page.getByRole("list", { name: "Attempts" }).getByRole("listitem").count()).toBeGreaterThan(0);
  expect(await page.getByRole("button", { name: /Resend/ }).count()).toBe(0);
});

const longTasks = (page: Page) => page.evaluate(() => [...(window as unknown as { longTasks: number[] }).longTasks]);

/** A message page in a fresh context that records every long task from its first script on. */
async function openMeasured(messageId: string, marker: string) {
  const { context, page } = await openPortal(browser, await mintLink(server.url, ORG_TOKEN, seed.appId));
  contexts.push(context);
  await context.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(`${server.url}/embed/${seed.appId}/messages/${messageId}`);
  const region = page.getByRole("region", { name: "Payload JSON" });
  await expect.poll(() => region.getByText(marker).count(), { timeout: 60_000 }).toBe(1);
  await settle(page);
  return { page, region, tasks: await longTasks(page) };
}

test("a 1 MB payload renders and the page stays responsive: folding answers, long tasks are reported", async () => {
  const items = Array.from({ length: 6500 }, (_, i) => ({ id: `li_${i}`, sku: `SKU-${100000 + i}`, quantity: i % 7, price: { amount: 1999 + i, currency: "eur" }, tags: ["a", "b"], note: "x".repeat(40) }));
  const payload = { id: "in_big", items };
  const bytes = Buffer.byteLength(JSON.stringify(payload));
  expect(bytes).toBeGreaterThan(1_000_000);
  expect(bytes).toBeLessThanOrEqual(1024 * 1024);
  const msg = await seed.svix.message.create(seed.appId, { eventType: "invoice.paid", eventId: "evt_big", payload });
  await eventually(() => attemptsOf(msg.id), (a) => a.length >= 2, 30_000);

  // The same page with the seeded few-line payload is the baseline: what the portal itself costs.
  const baseline = await openMeasured(firstMessage(), '"in_1000"');
  const { page, region } = await openMeasured(msg.id, '"in_big"');
  const lines = Number((await page.getByText(/^[\d,]+ lines$/).textContent())!.replace(/\D/g, ""));
  expect(lines).toBeGreaterThan(80_000);
  // Only what fits is drawn.
  expect(await region.locator("[data-line]").count()).toBeLessThan(200);

  const loadTasks = await longTasks(page);
  const items0 = region.getByRole("button", { name: "items" });
  await items0.click();
  await expect.poll(() => items0.getAttribute("aria-expanded")).toBe("false");
  await expect.poll(() => region.getByText("6,500 items").count()).toBe(1);
  await items0.click();
  await expect.poll(() => items0.getAttribute("aria-expanded")).toBe("true");
  // Scrolled to the end, the last item is drawn.
  await region.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect.poll(() => region.getByText('"li_6499"').count()).toBe(1);

  const after = (await longTasks(page)).slice(loadTasks.length);
  const longest = (t: number[]) => Math.round(Math.max(0, ...t));
  console.log(
    `message page, long tasks while loading: baseline (11-line payload) ${baseline.tasks.length}, longest ${longest(baseline.tasks)} ms; ` +
      `1 MB payload (${bytes} bytes, ${lines} lines) ${loadTasks.length}, longest ${longest(loadTasks)} ms. ` +
      `fold, unfold and scroll to the end: ${after.length} long tasks, longest ${longest(after)} ms`,
  );
});

test("an id that names no message: not found, with a way back to the log", async () => {
  const page = await open("messages/msg_2doesnotexist000000000000");
  await expect.poll(() => page.getByRole("heading", { name: "Not found" }).count()).toBe(1);
  expect(await page.getByRole("link", { name: "Messages" }).last().getAttribute("href")).toBe(`/embed/${seed.appId}/messages`);
});
