import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser } from "../support/browser";
import { startNextServer, type NextServer } from "../support/next-server";
import { captureScreen, mintLink, openPortal, settle } from "../support/portal-browser";
import { eventually } from "../support/receiver";
import { seedPortal, type SeededPortal } from "../support/seed-portal";

const ORG_TOKEN = "e2e_org_token_log_0123456789abcdefgh";
const ALL = ["ViewBase", "ViewEndpointSecret", "ManageEndpoint", "CreateAttempts"];
/** Messages sent after the seed's, once its failing endpoint works again: enough for a 250-row page. */
const BULK = 254;

let server: NextServer;
let browser: Browser;
let dataDir: string;
let seed: SeededPortal;
let emptyAppId: string;
/** Every message of the seeded app, newest first. */
let newestFirst: string[];
/** The seed's messages: every one failed at the failing endpoint. */
let failed: string[];
const contexts: BrowserContext[] = [];

/** A fresh portal link opened on the log with `query` (the ticket stays in the fragment). */
async function open(query = "", opts: { appId?: string; width?: number } = {}): Promise<Page> {
  const link = await mintLink(server.url, ORG_TOKEN, opts.appId ?? seed.appId, { capabilities: ALL });
  const { context, page } = await openPortal(browser, link.replace("#", `/messages${query ? `?${query}` : ""}#`), opts);
  contexts.push(context);
  return page;
}

/** The message ids the list shows, top to bottom (from each row's link). */
async function shownIds(page: Page): Promise<string[]> {
  const hrefs = await page.getByRole("list", { name: "Messages" }).locator('li a[href*="/messages/msg_"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  return hrefs.map((h) => new URL(h, "http://x").pathname.split("/").at(-1)!);
}

/** Navigation goes through the server (RSC) on a loaded machine: give each check its time. */
const until = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 200 });
const search = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);
const sorted = (ids: string[]) => [...ids].sort();

async function chooseInMenu(page: Page, button: RegExp, item: string): Promise<void> {
  await page.getByRole("button", { name: button }).click();
  await page.getByRole("menuitemcheckbox", { name: item }).click();
  await page.keyboard.press("Escape");
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-e2e-log-"));
  server = await startNextServer({
    DATA_DIR: dataDir,
    CORE_API_TOKEN: ORG_TOKEN,
    DATABASE_URL: process.env.E2E_DATABASE_URL,
    ENDPOINT_ALLOWLIST: "127.0.0.1/32",
    // Short retries, so the seed's failures are final ("failed", not "retrying") within seconds.
    RETRY_SCHEDULE: "200ms,200ms",
  });
  seed = await seedPortal(server.url, ORG_TOKEN, { messages: 6 });
  failed = seed.messageIds;
  await eventually(
    () => seed.svix.messageAttempt.listAttemptedMessages(seed.appId, seed.endpoints.failing, { status: 2 }),
    (r) => r.data.length === failed.length,
    60_000,
  );
  seed.failing.fix();
  const bulk: string[] = [];
  for (let i = 0; i < BULK; i++) {
    const msg = await seed.svix.message.create(seed.appId, { eventType: "customer.created", eventId: `evt_bulk_${i}`, payload: { n: i } });
    bulk.push(msg.id);
  }
  newestFirst = [...failed, ...bulk].reverse();
  emptyAppId = (await seed.svix.application.create({ name: "Quiet Co.", uid: `quiet-${Date.now()}` })).id;
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

describe("delivery log", () => {
  test("the failed filter shows exactly what the seed made fail; filters survive reload and back/forward; a deep link opens the same view", async () => {
    const page = await open();
    await until(() => shownIds(page)).toEqual(newestFirst.slice(0, 50));

    await chooseInMenu(page, /^Status/, "Failed");
    await until(() => search(page)).toEqual({ status: "fail" });
    await until(() => shownIds(page).then(sorted)).toEqual(sorted(failed));

    await chooseInMenu(page, /^Event types/, "invoice.paid");
    const paidFailed = failed.filter((_, i) => i % 3 === 0).reverse();
    await until(() => search(page)).toEqual({ status: "fail", types: "invoice.paid" });
    await until(() => shownIds(page)).toEqual(paidFailed);
    // A row opens the message page with the log's view to come back to.
    const rowHref = await page.getByRole("list", { name: "Messages" }).locator('li a[href*="/messages/msg_"]').first().getAttribute("href");
    expect(new URL(rowHref!, server.url).searchParams.get("from")).toBe("status=fail&types=invoice.paid");
    // The active filters are chips, with a way out.
    expect(await page.getByRole("group", { name: "Active filters" }).getByRole("button").allTextContents()).toEqual(["Status: Failed", "invoice.paid", "Clear filters"]);

    await page.reload();
    await settle(page);
    await until(() => shownIds(page)).toEqual(paidFailed);

    await page.goBack();
    await until(() => search(page)).toEqual({ status: "fail" });
    await until(() => shownIds(page).then(sorted)).toEqual(sorted(failed));
    await page.goForward();
    await until(() => shownIds(page)).toEqual(paidFailed);

    const deep = await open("status=fail&types=invoice.paid");
    await until(() => shownIds(deep)).toEqual(paidFailed);
    // The deep link's filters are the controls' state too.
    await deep.getByRole("button", { name: /^Status/ }).click();
    expect(await deep.getByRole("menuitemcheckbox", { name: "Failed" }).getAttribute("aria-checked")).toBe("true");
    expect(await deep.getByRole("menuitemcheckbox", { name: "Succeeded" }).getAttribute("aria-checked")).toBe("false");
    await deep.keyboard.press("Escape");

    await page.getByRole("button", { name: "Clear filters" }).click();
    await until(() => search(page)).toEqual({});
    await until(() => shownIds(page)).toEqual(newestFirst.slice(0, 50));
  });

  test("search by event id finds the one message; Enter writes it to the URL", async () => {
    const page = await open();
    const box = page.getByRole("searchbox", { name: "Search by message ID or event ID" });
    await box.fill("evt_1004");
    await box.press("Enter");
    await until(() => search(page)).toEqual({ q: "evt_1004" });
    await until(() => shownIds(page)).toEqual([failed[4]]);
    await box.fill("evt_nothing_here");
    await box.press("Enter");
    await until(() => page.getByRole("heading", { name: "No messages match these filters" }).count()).toBe(1);
  });

  test("Older and Newer page through the log by keyset, in the URL", async () => {
    const page = await open();
    await until(() => shownIds(page)).toEqual(newestFirst.slice(0, 50));
    await page.getByRole("button", { name: "Older" }).click();
    await until(() => shownIds(page)).toEqual(newestFirst.slice(50, 100));
    expect(search(page)).toEqual({ cursor: newestFirst[49] });
    await page.getByRole("button", { name: "Older" }).click();
    await until(() => shownIds(page)).toEqual(newestFirst.slice(100, 150));
    await page.getByRole("button", { name: "Newer" }).click();
    await until(() => shownIds(page)).toEqual(newestFirst.slice(50, 100));
    await page.goBack();
    await until(() => shownIds(page)).toEqual(newestFirst.slice(100, 150));
    await page.goForward();
    await page.getByRole("button", { name: "Newer" }).click();
    // Back at the top: the first page again, the live one.
    await until(() => shownIds(page)).toEqual(newestFirst.slice(0, 50));
    await until(() => search(page)).toEqual({});
  });

  test("a message sent while the page is open appears without a reload and is announced; scrolled down, it waits behind a button", async () => {
    const page = await open();
    await until(() => shownIds(page)).toEqual(newestFirst.slice(0, 50));
    const one = await seed.svix.message.create(seed.appId, { eventType: "invoice.paid", eventId: "evt_live_1", payload: { live: true } });
    await until(() => shownIds(page).then((ids) => ids[0])).toBe(one.id);
    await until(() => page.getByRole("status").filter({ hasText: "1 new message arrived" }).count()).toBe(1);

    // Reading further down: the rows in view stay put; a button offers the new one.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const row = page.getByRole("list", { name: "Messages" }).locator("li").nth(30);
    const before = await row.boundingBox();
    const two = await seed.svix.message.create(seed.appId, { eventType: "invoice.paid", eventId: "evt_live_2", payload: { live: true } });
    const button = page.getByRole("button", { name: "1 new message" });
    await until(() => button.count()).toBe(1);
    expect((await shownIds(page))[0]).toBe(one.id);
    expect((await row.boundingBox())?.y).toBe(before?.y);
    await button.click();
    await until(() => shownIds(page).then((ids) => ids[0])).toBe(two.id);
    newestFirst.unshift(one.id, two.id);
    newestFirst.sort((a, b) => (a < b ? 1 : -1));
  });

  test("export of a filter: the count first, then CSV and JSON files with the filter's rows", async () => {
    const page = await open("status=fail");
    await until(() => shownIds(page).then(sorted)).toEqual(sorted(failed));
    for (const format of ["CSV", "JSON"] as const) {
      await page.getByRole("button", { name: "Export" }).click();
      const dialog = page.getByRole("dialog", { name: "Export messages" });
      await until(() => dialog.getByTestId("export-count").textContent()).toBe(`${failed.length} messages will be exported.`);
      await dialog.getByRole("radio", { name: new RegExp(`^${format}`) }).check();
      const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download" }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^messages-\\d{4}-\\d{2}-\\d{2}\\.${format.toLowerCase()}$`));
      const text = readFileSync((await download.path())!, "utf8");
      if (format === "CSV") {
        const [head, ...rows] = text.trim().split("\r\n").map((l) => l.split(","));
        expect(head).toEqual(["id", "eventId", "eventType", "timestamp", "channels", "status"]);
        expect(rows.map((r) => r[0])).toEqual([...failed].reverse());
        expect(new Set(rows.map((r) => r.at(-1)))).toEqual(new Set(["fail"]));
      } else {
        const body = JSON.parse(text) as { data: { id: string; status: string }[]; truncated: boolean };
        expect(body.data.map((m) => m.id)).toEqual([...failed].reverse());
        expect(body.truncated).toBe(false);
      }
      await until(() => dialog.count()).toBe(0);
    }
  });

  test("a 250-row page: long tasks measured beside the 50-row page", async () => {
    const page = await open();
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: { start: number; duration: number }[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: "longtask", buffered: true });
    });
    const measure = async (limit: string) => {
      const mark = await page.evaluate(() => performance.now());
      await page.getByRole("combobox", { name: "Rows per page" }).click();
      await page.getByRole("option", { name: limit, exact: true }).click();
      await until(() => search(page).limit ?? "50").toBe(limit);
      // The page is there once nothing is busy (the list is marked busy while the next page loads).
      await settle(page);
      await page.waitForTimeout(500);
      const tasks = await page.evaluate(
        (from) => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks.filter((t) => t.start >= from),
        mark,
      );
      return { count: tasks.length, total: Math.round(tasks.reduce((s, t) => s + t.duration, 0)), max: Math.round(Math.max(0, ...tasks.map((t) => t.duration))) };
    };
    const r100 = await measure("100");
    expect(await shownIds(page)).toEqual(newestFirst.slice(0, 100));
    const r250 = await measure("250");
    // Windowed: the rows near the viewport are in the page, the last ones once scrolled to.
    await page.evaluate(() => window.scrollTo(0, 0));
    await until(() => shownIds(page).then((ids) => ids[0])).toBe(newestFirst[0]);
    const first = await shownIds(page);
    expect(first.length).toBeLessThan(100);
    expect(first).toEqual(newestFirst.slice(0, first.length));
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await until(() => shownIds(page).then((ids) => ids.at(-1))).toBe(newestFirst[249]);
    await page.evaluate(() => window.scrollTo(0, 0));
    const r50 = await measure("50");
    console.log(`long tasks while the page renders (count / total ms / longest ms): 50 rows ${r50.count} / ${r50.total} / ${r50.max}; 100 rows ${r100.count} / ${r100.total} / ${r100.max}; 250 rows (windowed) ${r250.count} / ${r250.total} / ${r250.max}`);
    expect(await shownIds(page)).toEqual(newestFirst.slice(0, 50));
  });

  test("screens: filled, empty and no-match have no axe violations and no sideways overflow", async () => {
    const filled = await open();
    await until(() => shownIds(filled).then((ids) => ids.length)).toBe(50);
    const a = await captureScreen(filled, "log-filled");
    const filtered = await open("status=fail&types=invoice.paid&range=7d");
    await until(() => shownIds(filtered).then((ids) => ids.length)).toBe(2);
    const b = await captureScreen(filtered, "log-filtered");
    const empty = await open("", { appId: emptyAppId });
    await until(() => empty.getByRole("heading", { name: "No messages yet" }).count()).toBe(1);
    const c = await captureScreen(empty, "log-empty");
    const none = await open("q=evt_nothing_here");
    await until(() => none.getByRole("heading", { name: "No messages match these filters" }).count()).toBe(1);
    const d = await captureScreen(none, "log-no-match");
    for (const r of [a, b, c, d]) {
      expect(r.violations).toEqual([]);
      expect(r.overflow).toEqual([]);
    }
  });
});
