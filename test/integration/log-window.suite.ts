import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as countMessages } from "@/app/api/portal/messages/count/route";
import { GET as exportMessages } from "@/app/api/portal/messages/export/route";
import { GET as listMessages } from "@/app/api/portal/messages/route";
import type { MessageSummary, Page } from "@/lib/delivery-api/types-messages";
import { startPortal, type TestPortal } from "../support/portal";
import { eventually, startReceiver } from "../support/receiver";

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Messages sent before the window opens, and inside it (more than one 50-row page). */
const BEFORE = 4;
const INSIDE = 120;

/**
 * "After T" listings: any time window lists newest first (the portal's "last 24 hours" opens on
 * the latest messages, not a day back) and pages both ways through it, for the core's own list
 * and for the BFF's log — plain, with a status across endpoints, and at one endpoint. Run with the
 * embedded core (log-window.test.ts) and an external one over HTTP (log-window.external.test.ts).
 */
export function logWindowSuite(opts: { external?: boolean } = {}) {
  let p: TestPortal;
  let ok: Receiver;
  let appId: string;
  let endpointId: string;
  let token: string;
  let windowStart: Date;
  /** Every message id, oldest first. */
  const sent: string[] = [];

  beforeAll(async () => {
    p = await startPortal(opts);
    ok = await startReceiver();
    appId = (await p.svix.application.create({ name: "Window" })).id;
    endpointId = (await p.svix.endpoint.create(appId, { url: ok.url })).id;
    const send = async () => {
      sent.push((await p.svix.message.create(appId, { eventType: "invoice.paid", payload: { n: sent.length } })).id);
    };
    for (let i = 0; i < BEFORE; i++) await send();
    // Ids resolve time to 4 ms: keep the window's edge clear of both sides.
    await pause(30);
    windowStart = new Date();
    await pause(30);
    // Two messages in one 4 ms step of the id's clock are ordered by the id's random part, not
    // by when they were sent: a 5 ms step between sends makes "newest first" one known order.
    for (let i = 0; i < INSIDE; i++) {
      await send();
      await pause(5);
    }
    await ok.waitFor(sent.length);
    await eventually(
      () => p.svix.messageAttempt.listAttemptedMessages(appId, endpointId, { status: 0, limit: 250 }),
      (r) => r.data.length === sent.length,
    );
    token = (await p.session(appId)).accessToken;
  }, 120_000);
  afterAll(async () => {
    await ok?.close();
    await p?.close();
  });

  const inWindow = () => sent.slice(BEFORE).reverse();
  const list = async (query: Record<string, string>) => {
    const res = await p.call(listMessages, { path: `/api/portal/messages?${new URLSearchParams(query)}`, token });
    expect(res.status).toBe(200);
    return (await res.json()) as Page<MessageSummary>;
  };

  /** Walks Older to the end, then Newer back to the start: the pages' ids, both ways. */
  async function walk(query: Record<string, string>) {
    const older: string[][] = [];
    let page = await list({ ...query, limit: "50" });
    older.push(page.data.map((m) => m.id));
    while (!page.done && page.iterator) {
      page = await list({ ...query, limit: "50", iterator: page.iterator });
      older.push(page.data.map((m) => m.id));
    }
    const newer: string[][] = [older.at(-1)!];
    while (page.prevIterator && newer.length < older.length) {
      page = await list({ ...query, limit: "50", iterator: page.prevIterator });
      newer.unshift(page.data.map((m) => m.id));
    }
    return { older, newer };
  }

  describe("core", () => {
    test("after=now-24h lists the newest 50, not the oldest", async () => {
      const page = await p.svix.message.list(appId, { after: new Date(Date.now() - 86_400_000), limit: 50 });
      expect(page.data.map((m) => m.id)).toEqual([...sent].reverse().slice(0, 50));
      expect(page.done).toBe(false);
    });

    test("a window that starts mid-log pages Older and Newer through exactly its messages", async () => {
      const seen: string[] = [];
      let page = await p.svix.message.list(appId, { after: windowStart, limit: 50 });
      seen.push(...page.data.map((m) => m.id));
      const pages = [page];
      while (!page.done) {
        page = await p.svix.message.list(appId, { after: windowStart, limit: 50, iterator: page.iterator });
        seen.push(...page.data.map((m) => m.id));
        pages.push(page);
      }
      expect(seen).toEqual(inWindow());
      const back = await p.svix.message.list(appId, { after: windowStart, limit: 50, iterator: pages.at(-1)!.prevIterator });
      expect(back.data.map((m) => m.id)).toEqual(pages.at(-2)!.data.map((m) => m.id));
    });

    test("an endpoint's attempted messages list newest first within the window", async () => {
      const page = await p.svix.messageAttempt.listAttemptedMessages(appId, endpointId, { after: windowStart, limit: 50 });
      expect(page.data.map((m) => m.id)).toEqual(inWindow().slice(0, 50));
    });
  });

  describe("portal log", () => {
    const views: [string, () => Record<string, string>][] = [
      ["plain", () => ({})],
      ["status across endpoints", () => ({ status: "success" })],
      ["one endpoint", () => ({ endpoint: endpointId })],
      ["one endpoint and status", () => ({ endpoint: endpointId, status: "success" })],
    ];

    test.each(views)("%s: after=now-24h opens on the newest 50", async (_, query) => {
      const page = await list({ ...query(), after: new Date(Date.now() - 86_400_000).toISOString(), limit: "50" });
      expect(page.data.map((m) => m.id)).toEqual([...sent].reverse().slice(0, 50));
      expect(page.done).toBe(false);
    });

    test.each(views)("%s: Older and Newer pages within a window are disjoint and complete", async (_, query) => {
      const { older, newer } = await walk({ ...query(), after: windowStart.toISOString() });
      expect(older.map((ids) => ids.length)).toEqual([50, 50, 20]);
      expect(older.flat()).toEqual(inWindow());
      expect(new Set(older.flat()).size).toBe(INSIDE);
      expect(newer).toEqual(older);
    });

    test("the export's count is the export's rows, for a window and for a status across endpoints", async () => {
      const count = async (query: Record<string, string>) => {
        const res = await p.call(countMessages, { path: `/api/portal/messages/count?${new URLSearchParams(query)}`, token });
        expect(res.status).toBe(200);
        return res.json();
      };
      expect(await count({ after: windowStart.toISOString() })).toEqual({ count: INSIDE, max: 10_000, capped: false });
      expect(await count({ status: "fail" })).toEqual({ count: 0, max: 10_000, capped: false });
      expect(await count({ q: sent[0]! })).toEqual({ count: 1, max: 10_000, capped: false });

      const res = await p.call(exportMessages, { path: `/api/portal/messages/export?format=csv&status=success&after=${windowStart.toISOString()}`, token });
      expect(res.status).toBe(200);
      const [head, ...rows] = (await res.text()).trim().split("\r\n").map((line) => line.split(","));
      expect(head).toEqual(["id", "eventId", "eventType", "timestamp", "channels", "status"]);
      expect(rows.map((r) => r[0])).toEqual(inWindow());
      expect(new Set(rows.map((r) => r.at(-1)))).toEqual(new Set(["success"]));
    });
  });
}
