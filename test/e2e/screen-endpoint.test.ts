import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { MessageStatus } from "svix";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser } from "../support/browser";
import { startNextServer, type NextServer } from "../support/next-server";
import { captureScreen, mintLink, openPortal, settle } from "../support/portal-browser";
import { eventually, startReceiver, verify } from "../support/receiver";
import { seedPortal, type SeededPortal } from "../support/seed-portal";

const ORG_TOKEN = "e2e_org_token_screen_endpoint_0123456789";
const ALL = ["ViewBase", "ViewEndpointSecret", "ManageEndpointSecret", "ManageEndpoint", "CreateAttempts"];

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

let server: NextServer;
let browser: Browser;
let dataDir: string;
let seed: SeededPortal;
/** Answers 500 to payloads with `"fail":true`, 200 to the rest: an endpoint with both outcomes. */
let mixed: Receiver;
let mixedId: string;
/** Created after the seeded messages, for one event type: it missed two of them. */
let late: Receiver;
let lateId: string;
/** Everything the failing endpoint (no filter) got: the seeded messages and the mixed endpoint's. */
let failingIds: string[];

const endpointUrl = (id: string, tab = "") => `${server.url}/embed/${seed.appId}/endpoints/${id}${tab ? `/${tab}` : ""}`;

async function open(url: string, capabilities = ALL): Promise<Page> {
  const { context, page } = await openPortal(browser, await mintLink(server.url, ORG_TOKEN, seed.appId, { capabilities }));
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  await page.goto(url);
  await settle(page);
  return page;
}

/** The elements whose right edge is past the viewport, for a failure message that says what to fix. */
async function sticking(page: Page, width: number): Promise<string[]> {
  await page.setViewportSize({ width, height: 800 });
  await settle(page);
  return page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`)
      .slice(0, 10),
  );
}

async function expectClean(page: Page, name: string): Promise<void> {
  const shots = await captureScreen(page, name);
  expect(shots.violations).toEqual([]);
  const out = shots.overflow.length ? await sticking(page, 360) : [];
  expect(shots.overflow, out.join("\n")).toEqual([]);
}

const attemptRows = (page: Page, list: string) => page.getByRole("list", { name: list }).getByRole("listitem");

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-e2e-endpoint-"));
  // One retry a second later: failures are final within the test, so recover has something to do.
  server = await startNextServer({ DATA_DIR: dataDir, CORE_API_TOKEN: ORG_TOKEN, DATABASE_URL: undefined, ENDPOINT_ALLOWLIST: "127.0.0.1/32", RETRY_SCHEDULE: "1s" });
  seed = await seedPortal(server.url, ORG_TOKEN, { uid: "acme-endpoint", messages: 6 });
  mixed = await startReceiver((r) => (r.body.includes('"fail":true') ? { status: 500, body: '{"error":"nope"}' } : {}));
  mixedId = (await seed.svix.endpoint.create(seed.appId, { url: `${mixed.url}/mixed`, description: "Mixed results", filterTypes: ["subscription.canceled"] })).id;
  failingIds = [...seed.messageIds];
  for (const fail of [false, true, false, true, false]) {
    failingIds.push((await seed.svix.message.create(seed.appId, { eventType: "subscription.canceled", payload: { id: "sub_1", fail } })).id);
  }
  late = await startReceiver();
  lateId = (await seed.svix.endpoint.create(seed.appId, { url: `${late.url}/late`, description: "Added later", filterTypes: ["customer.created"] })).id;
  // Every message has failed for good at the failing endpoint, the mixed one has its five.
  await eventually(
    () => seed.svix.messageAttempt.listAttemptedMessages(seed.appId, seed.endpoints.failing, { status: MessageStatus.Fail, limit: 50 }),
    (p) => p.data.length === failingIds.length,
    60_000,
  );
  await eventually(
    () => seed.svix.messageAttempt.listByEndpoint(seed.appId, mixedId, { limit: 50 }),
    (p) => p.data.filter((a) => a.status === MessageStatus.Fail).length === 4 && p.data.filter((a) => a.status === MessageStatus.Success).length === 3,
    60_000,
  );
  await seed.healthy.waitFor(4, 30_000);
  browser = await launchBrowser();
  // The first run builds the production app, which takes minutes on a loaded machine.
}, 1_200_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await seed?.close();
  await mixed?.close();
  await late?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("the endpoint page", () => {
  test("overview: the seeded attempts, stats and a chart for each range; the range is in the URL", async () => {
    const page = await open(endpointUrl(seed.endpoints.failing));
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("/hooks/acme");
    await expect.poll(() => page.getByRole("link", { name: "Overview" }).getAttribute("aria-current")).toBe("page");
    // 11 messages × 2 attempts; the overview shows the latest 10, each with the receiver's 500.
    const rows = attemptRows(page, "Recent attempts");
    await expect.poll(() => rows.count()).toBe(10);
    for (const text of await rows.allTextContents()) expect(text).toMatch(/Failed.*500/);
    const failedTile = page.locator("dt", { hasText: "Failed" }).locator("xpath=following-sibling::dd");
    expect(await failedTile.textContent()).toBe("11");
    expect(await page.getByTestId("activity-summary").textContent()).toBe("In the last 24 hours: 0 messages delivered, 11 failed, 0 still sending.");
    await page.locator(".recharts-surface").first().waitFor();
    await expectClean(page, "endpoint-overview");

    for (const [button, range, words] of [["7 d", "7d", "the last 7 days"], ["30 d", "30d", "the last 30 days"], ["24 h", null, "the last 24 hours"]] as const) {
      await page.getByRole("button", { name: button }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get("range")).toBe(range);
      await settle(page);
      expect(await page.getByTestId("activity-summary").textContent()).toContain(`In ${words}: 0 messages delivered, 11 failed`);
      await page.locator(".recharts-surface .recharts-bar-rectangle").first().waitFor();
      expect(await failedTile.textContent()).toBe("11");
    }
    // A recent attempt links to its message.
    const first = (await seed.svix.messageAttempt.listByEndpoint(seed.appId, seed.endpoints.failing, { limit: 1 })).data[0]!;
    await rows.first().getByRole("link").click();
    await page.waitForURL(`**/embed/${seed.appId}/messages/${first.msgId}`);
    await page.context().close();
  });

  test("messages: filter by failed shows exactly the failed attempts, and survives a reload", async () => {
    const page = await open(endpointUrl(mixedId, "messages"));
    const rows = attemptRows(page, "Attempts");
    await expect.poll(() => rows.count()).toBe(7);
    await page.getByRole("button", { name: "Failed", exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("status")).toBe("fail");
    await settle(page);
    const failed = (await seed.svix.messageAttempt.listByEndpoint(seed.appId, mixedId, { status: MessageStatus.Fail, limit: 50 })).data;
    expect(failed).toHaveLength(4);
    const shown = async () => (await rows.getByRole("link").allTextContents()).map((t) => t.replace("Open message", "").trim());
    await expect.poll(shown).toEqual(failed.map((a) => a.msgId));
    for (const text of await rows.allTextContents()) expect(text).toMatch(/Failed.*500/);

    await page.reload();
    await settle(page);
    expect(await page.getByRole("button", { name: "Failed", exact: true }).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(shown).toEqual(failed.map((a) => a.msgId));
    // The receiver's answer, on demand.
    await rows.first().getByText("Response").click();
    await expect.poll(() => rows.first().locator("pre").textContent()).toBe('{"error":"nope"}');
    await expectClean(page, "endpoint-messages");

    await page.getByRole("button", { name: "Succeeded", exact: true }).click();
    await settle(page);
    await expect.poll(() => rows.count()).toBe(3);
    await page.context().close();
  });

  test("signing secret: hidden until Reveal, the same as the SDK's, copied to the clipboard, hidden again", async () => {
    const page = await open(endpointUrl(seed.endpoints.healthy, "secret"));
    const value = page.getByTestId("secret-value");
    expect(await value.textContent()).not.toContain("whsec_A");
    expect(await value.textContent()).toMatch(/^whsec_•+$/);
    await expectClean(page, "endpoint-secret");

    const { key } = await seed.svix.endpoint.getSecret(seed.appId, seed.endpoints.healthy);
    await page.getByRole("button", { name: "Reveal" }).click();
    await expect.poll(() => value.textContent()).toBe(key);
    await page.getByRole("button", { name: "Copy", exact: true }).first().click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await page.getByRole("button", { name: "Hide" }).click();
    expect(await value.textContent()).toMatch(/^whsec_•+$/);

    // Each language's snippet, copy-ready.
    for (const lang of ["Python", "Go", "Ruby", "PHP", "Node.js"]) {
      await page.getByRole("tab", { name: lang }).click();
      await page.getByRole("button", { name: `Copy the receiver code for ${lang}` }).click();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toContain("WEBHOOK_SECRET");
      expect(copied).toMatch(/[Ss]tandard[Ww]ebhooks|standardwebhooks/);
    }
    await page.context().close();
  });

  test("rotate: the dialog explains the overlap; a delivery afterwards verifies with both the old and the new secret", async () => {
    const page = await open(endpointUrl(seed.endpoints.healthy, "secret"));
    const before = (await seed.svix.endpoint.getSecret(seed.appId, seed.endpoints.healthy)).key;
    await page.getByRole("button", { name: "Rotate" }).click();
    const dialog = page.getByRole("dialog", { name: "Rotate the signing secret?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("For the next 24 hours each delivery carries a signature with the previous secret as well");
    await expectClean(page, "endpoint-rotate");
    await dialog.getByRole("button", { name: "Rotate secret" }).click();
    const done = page.getByRole("dialog", { name: "New signing secret" });
    await done.waitFor();
    const after = (await seed.svix.endpoint.getSecret(seed.appId, seed.endpoints.healthy)).key;
    expect(after).not.toBe(before);
    expect(await done.getByTestId("new-secret").textContent()).toBe(after);
    await done.getByRole("button", { name: "Done" }).click();

    const count = seed.healthy.received.length;
    const msg = await seed.svix.message.create(seed.appId, { eventType: "invoice.paid", payload: { id: "in_rotated", amount: 1 } });
    await seed.healthy.waitFor(count + 1, 30_000);
    const delivery = seed.healthy.received.find((r) => r.headers["webhook-id"] === msg.id)!;
    expect(verify(before, delivery)).toEqual({ id: "in_rotated", amount: 1 });
    expect(verify(after, delivery)).toEqual({ id: "in_rotated", amount: 1 });
    await page.context().close();
  });

  test("recover failed messages: the count first, then progress until the fixed receiver got them all", async () => {
    seed.failing.fix();
    const page = await open(endpointUrl(seed.endpoints.failing, "recovery"));
    const card = page.getByRole("region", { name: "Recover failed messages" });
    await expect.poll(() => page.getByTestId("recover-count").textContent()).toBe("11 failed messages since then.");
    await expectClean(page, "endpoint-recovery");
    const fixedAt = seed.failing.received.length;
    await card.getByRole("button", { name: "Recover…" }).click();
    const dialog = page.getByRole("dialog", { name: "Retry 11 messages?" });
    await dialog.getByRole("button", { name: "Retry them" }).click();
    await card.getByText("Done. The recovered messages were delivered.").waitFor({ timeout: 60_000 });
    const got = seed.failing.received.slice(fixedAt).map((r) => String(r.headers["webhook-id"]));
    expect(new Set(got)).toEqual(new Set(failingIds));
    await page.context().close();
  });

  test("replay missing: the count first, then the messages the endpoint never got", async () => {
    const page = await open(endpointUrl(lateId, "recovery"));
    const card = page.getByRole("region", { name: "Replay missing messages" });
    await expect.poll(() => page.getByTestId("replay-count").textContent()).toBe("2 missing messages since then.");
    await card.getByRole("button", { name: "Replay…" }).click();
    await page.getByRole("dialog", { name: "Send 2 messages?" }).getByRole("button", { name: "Send them" }).click();
    await card.getByText("Done. The missing messages were sent.").waitFor({ timeout: 60_000 });
    const customerCreated = (await seed.svix.message.list(seed.appId, { eventTypes: ["customer.created"], limit: 50 })).data.map((m) => m.id);
    expect(customerCreated).toHaveLength(2);
    expect(new Set(late.received.map((r) => String(r.headers["webhook-id"])))).toEqual(new Set(customerCreated));
    await page.context().close();
  });

  test("a ViewBase-only session sees no Signing secret or Recovery tab and no Rotate; an unknown id is not found", async () => {
    const page = await open(endpointUrl(seed.endpoints.healthy), ["ViewBase"]);
    const tabs = page.getByRole("navigation", { name: "Endpoint" }).getByRole("link");
    await expect.poll(() => tabs.allTextContents()).toEqual(["Overview", "Messages", "Settings"]);
    await page.goto(endpointUrl(seed.endpoints.healthy, "secret"));
    await settle(page);
    expect(await page.getByRole("heading", { name: "Not found" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Rotate" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Reveal" }).count()).toBe(0);
    await page.goto(endpointUrl(seed.endpoints.healthy, "recovery"));
    await settle(page);
    expect(await page.getByRole("heading", { name: "Not found" }).count()).toBe(1);

    await page.goto(endpointUrl("ep_2zzzzzzzzzzzzzzzzzzzzzzzzzz"));
    await settle(page);
    expect(await page.getByRole("heading", { name: "Not found" }).count()).toBe(1);
    expect(await page.getByRole("navigation", { name: "Endpoint" }).count()).toBe(0);
    await expectClean(page, "endpoint-not-found");
    await page.context().close();
  });
});
