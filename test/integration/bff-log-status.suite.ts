import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as listEndpoints } from "@/app/api/portal/endpoints/route";
import { GET as listMessages } from "@/app/api/portal/messages/route";
import { endpoints } from "@/lib/db/schema";
import type { EndpointWithHealth } from "@/lib/delivery-api/types-endpoints";
import type { MessageSummary, Page } from "@/lib/delivery-api/types-messages";
import type { ErrorBody } from "@/lib/http/errors";
import { startPortal, type TestPortal } from "../support/portal";
import { eventually, startReceiver } from "../support/receiver";

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A receiver that holds each request until the test lets it go (then answers 200), or answers the
 * first `failFirst` requests with 500 at once: in-flight and retrying states without timing.
 */
async function startGate(failFirst = 0) {
  const held: http.ServerResponse[] = [];
  let seen = 0;
  let open = false;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      seen++;
      if (seen <= failFirst) return void res.writeHead(500).end("not yet");
      if (open) return void res.writeHead(200).end("ok");
      held.push(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held: () => held.length,
    release() {
      open = true;
      for (const res of held.splice(0)) res.writeHead(200).end("ok");
    },
    close() {
      this.release();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The log's status over all endpoints, and endpoint health, against real deliveries: an
 * application whose messages succeed at some endpoints and fail at others (by event type and by
 * channel), one that reaches no endpoint, and endpoints that hold or fail requests so that
 * messages are caught in flight and being retried. Embedded here (bff-log-status.test.ts) and
 * over HTTP as an external core (bff-log-status.external.test.ts).
 */
export function logStatusSuite(opts: { external?: boolean } = {}) {
  let p: TestPortal;
  let ok: Receiver;
  let bad: Receiver;
  let otherRx: Receiver;
  let gate: Awaited<ReturnType<typeof startGate>>;
  let flaky: Awaited<ReturnType<typeof startGate>>;
  let app: string;
  let appB: string;
  let epOk: string;
  let epBadType: string;
  let epBadChannel: string;
  let epGate: string;
  let epFlaky: string;
  let epOff: string;
  let token: string;
  /** The app's messages, oldest first, with the state each must end in. */
  const m: { id: string; eventType: string; channels: string[]; state: string }[] = [];
  let splitAt: Date;
  const external = opts.external === true;

  const list = async (query: Record<string, string>) => {
    const res = await p.call(listMessages, { path: `/api/portal/messages?${new URLSearchParams(query)}`, token });
    expect(res.status, JSON.stringify(query)).toBe(200);
    return (await res.json()) as Page<MessageSummary>;
  };
  /** Every page of a filtered log, following iterators. */
  const all = async (query: Record<string, string>, limit = 2) => {
    const rows: MessageSummary[] = [];
    let iterator: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page: Page<MessageSummary> = await list({ ...query, limit: String(limit), ...(iterator ? { iterator } : {}) });
      expect(page.data.length).toBeLessThanOrEqual(limit);
      rows.push(...page.data);
      if (page.done) return rows;
      iterator = page.iterator;
    }
    throw new Error("paging did not end");
  };
  const newestFirst = (pick: (x: (typeof m)[number]) => boolean) => m.filter(pick).map((x) => x.id).reverse();

  beforeAll(async () => {
    p = await startPortal(opts);
    ok = await startReceiver();
    bad = await startReceiver(() => ({ status: 500, body: "down" }));
    otherRx = await startReceiver(() => ({ status: 500 }));
    gate = await startGate();
    flaky = await startGate(1);
    for (const name of ["invoice.paid", "invoice.failed", "user.created", "slow.thing", "flaky.thing"]) {
      await p.svix.eventType.create({ name, description: name });
    }
    app = (await p.svix.application.create({ name: "Initech" })).id;
    appB = (await p.svix.application.create({ name: "Globex" })).id;
    epOk = (await p.svix.endpoint.create(app, { url: ok.url, filterTypes: ["invoice.paid", "invoice.failed"] })).id;
    epBadType = (await p.svix.endpoint.create(app, { url: bad.url, filterTypes: ["invoice.failed"] })).id;
    epBadChannel = (await p.svix.endpoint.create(app, { url: bad.url, channels: ["eu"], filterTypes: ["invoice.paid", "invoice.failed"] })).id;
    epGate = (await p.svix.endpoint.create(app, { url: gate.url, filterTypes: ["slow.thing"] })).id;
    epFlaky = (await p.svix.endpoint.create(app, { url: flaky.url, filterTypes: ["flaky.thing"] })).id;
    epOff = (await p.svix.endpoint.create(app, { url: ok.url, filterTypes: ["user.created"], disabled: true })).id;
    // B fails everything: its failures must never show in A's log.
    await p.svix.endpoint.create(appB, { url: otherRx.url });

    const send = async (eventType: string, channels: string[], state: string) => {
      const msg = await p.svix.message.create(app, { eventType, channels: channels.length ? channels : null, payload: { n: m.length } });
      m.push({ id: msg.id, eventType, channels, state });
      // KSUIDs order by 4 ms steps; a pause keeps creation order and id order the same.
      await pause(6);
    };
    await send("invoice.paid", ["us"], "success");
    await send("invoice.failed", ["us"], "fail"); // fails at epBadType
    await send("invoice.paid", ["eu"], "fail"); // fails at epBadChannel
    await send("user.created", [], "none"); // only the disabled endpoint wants it
    await pause(30);
    splitAt = new Date();
    await pause(30);
    await send("invoice.paid", ["us"], "success");
    await send("invoice.failed", ["eu"], "fail");
    await send("invoice.paid", ["b2b"], "success");
    await send("invoice.failed", ["b2b"], "fail");
    await send("invoice.paid", ["eu", "b2b"], "fail");
    await p.svix.message.create(appB, { eventType: "invoice.failed", payload: { b: true } });

    // 4 ok deliveries … every failing destination out of retries (100, 200, 400 ms in tests).
    const failing = m.filter((x) => x.state === "fail").length;
    await eventually(
      async () => (await p.svix.messageAttempt.listAttemptedMessages(app, epBadType, { status: 2 })).data.length +
        (await p.svix.messageAttempt.listAttemptedMessages(app, epBadChannel, { status: 2 })).data.length,
      (n) => n === failing + 1, // the last message fails at both
    );
    await ok.waitFor(m.filter((x) => x.eventType.startsWith("invoice.")).length);
    token = (await p.session(app)).accessToken;
  });
  afterAll(async () => {
    await gate?.close();
    await flaky?.close();
    await ok?.close();
    await bad?.close();
    await otherRx?.close();
    await p?.close();
  });

  describe("the log's status over all endpoints", () => {
    test("every row carries the worst state over its destinations", async () => {
      const page = await list({});
      expect(page.data.map((r) => [r.id, r.status])).toEqual([...m].reverse().map((x) => [x.id, x.state]));
      expect(page.data.every((r) => r.nextAttempt === null)).toBe(true);
    });

    test('"failed, any endpoint" returns exactly the failed messages, newest first, page by page', async () => {
      const want = newestFirst((x) => x.state === "fail");
      expect(want).toHaveLength(5);
      const rows = await all({ status: "fail" });
      expect(rows.map((r) => r.id)).toEqual(want);
      expect(rows.every((r) => r.status === "fail")).toBe(true);
      expect((await all({ status: "fail" }, 250)).map((r) => r.id)).toEqual(want);
    });

    test("the other states, and several at once", async () => {
      expect((await all({ status: "success" })).map((r) => r.id)).toEqual(newestFirst((x) => x.state === "success"));
      expect((await all({ status: "none" })).map((r) => r.id)).toEqual(newestFirst((x) => x.state === "none"));
      expect((await all({ status: "success,none" })).map((r) => r.id)).toEqual(newestFirst((x) => x.state === "success" || x.state === "none"));
      expect((await all({ status: "sending" })).map((r) => r.id)).toEqual([]);
    });

    test("combines with event types, channel and time range", async () => {
      const fail = (x: (typeof m)[number]) => x.state === "fail";
      expect((await all({ status: "fail", eventTypes: "invoice.paid" })).map((r) => r.id)).toEqual(newestFirst((x) => fail(x) && x.eventType === "invoice.paid"));
      expect((await all({ status: "fail", channel: "b2b" })).map((r) => r.id)).toEqual(newestFirst((x) => fail(x) && x.channels.includes("b2b")));
      const later = m.slice(4);
      expect((await all({ status: "fail", after: splitAt.toISOString() }, 250)).map((r) => r.id)).toEqual(later.filter(fail).map((x) => x.id).reverse());
      expect((await all({ status: "fail", before: splitAt.toISOString() })).map((r) => r.id)).toEqual(m.slice(0, 4).filter(fail).map((x) => x.id).reverse());
      expect((await all({ status: "success", channel: "us", eventTypes: "invoice.paid,invoice.failed" })).map((r) => r.id)).toEqual(
        newestFirst((x) => x.state === "success" && x.channels.includes("us")),
      );
      expect(await all({ status: "fail", eventTypes: "user.created" })).toEqual([]);
    });

    test("an id lookup carries the same state and honours the filter", async () => {
      const failed = m.find((x) => x.state === "fail")!;
      expect((await list({ q: failed.id })).data).toEqual([expect.objectContaining({ id: failed.id, status: "fail" })]);
      expect((await list({ q: failed.id, status: "success" })).data).toEqual([]);
      expect((await list({ q: m[3]!.id, status: "none" })).data).toEqual([expect.objectContaining({ id: m[3]!.id, status: "none" })]);
    });

    test("per endpoint, the status filter is still that endpoint's", async () => {
      expect((await all({ endpoint: epOk, status: "success" })).map((r) => r.id)).toEqual(newestFirst((x) => x.eventType.startsWith("invoice.")));
      expect((await all({ endpoint: epBadChannel, status: "fail" })).map((r) => r.id)).toEqual(
        newestFirst((x) => x.eventType.startsWith("invoice.") && x.channels.includes("eu")),
      );
    });

    test("a message in flight is sending with its next attempt; one whose attempt failed is retrying", async () => {
      const slow = await p.svix.message.create(app, { eventType: "slow.thing", payload: {} });
      // Held by the receiver: its first attempt is under way.
      await eventually(async () => gate.held(), (n) => n === 1);
      const sending = await list({ status: "sending" });
      expect(sending.data).toEqual([expect.objectContaining({ id: slow.id, status: "sending", nextAttempt: expect.any(String) })]);

      const retried = await p.svix.message.create(app, { eventType: "flaky.thing", payload: {} });
      // The first attempt failed (500) and the retry is held.
      await eventually(async () => flaky.held(), (n) => n === 1);
      const inFlight = await all({ status: "sending,retrying" });
      expect(inFlight.map((r) => r.id)).toEqual([retried.id, slow.id]);
      const row = inFlight[0]!;
      // Svix's lists cannot tell a retry from a first attempt, so an external core says "sending".
      expect(row).toMatchObject({ status: external ? "sending" : "retrying", nextAttempt: expect.any(String) });
      if (!external) expect((await all({ status: "retrying" })).map((r) => r.id)).toEqual([retried.id]);
      // Failed and failing is what the portal's "failed" view asks for; failed-for-good alone is unchanged.
      // (An external core's "retrying" is every message in flight.)
      expect((await all({ status: "fail,retrying" }, 3)).map((r) => r.id)).toEqual([...(external ? [retried.id, slow.id] : [retried.id]), ...newestFirst((x) => x.state === "fail")]);

      gate.release();
      flaky.release();
      await eventually(async () => (await list({ status: "sending,retrying" })).data, (rows) => rows.length === 0);
      expect((await list({ q: retried.id })).data[0]).toMatchObject({ status: "success", nextAttempt: null });
      expect((await list({ q: slow.id })).data[0]).toMatchObject({ status: "success" });
      m.push({ id: slow.id, eventType: "slow.thing", channels: [], state: "success" }, { id: retried.id, eventType: "flaky.thing", channels: [], state: "success" });
    });

    test("bad status filters are refused with 422 on the field", async () => {
      for (const query of ["status=failed", "status=fail,bogus", "status=,", `status=retrying&endpoint=${epOk}`]) {
        const res = await p.call(listMessages, { path: `/api/portal/messages?${query}`, token });
        expect(res.status, query).toBe(422);
        expect(((await res.json()) as ErrorBody).error.issues?.map((i) => i.path), query).toEqual(["status"]);
      }
    });
  });

  describe("endpoint health in the endpoint list", () => {
    const health = async () => {
      const res = await p.call(listEndpoints, { path: "/api/portal/endpoints?limit=250", token });
      expect(res.status).toBe(200);
      const page = (await res.json()) as Page<EndpointWithHealth>;
      return new Map(page.data.map((e) => [e.id, e.health]));
    };

    test("success rate over 24 hours, last attempt, failing since and why an endpoint is off, in one call", async () => {
      const h = await health();
      expect(h.size).toBe(6);
      const invoices = m.filter((x) => x.eventType.startsWith("invoice."));
      expect(h.get(epOk)).toEqual({
        window: "24h",
        delivered: invoices.length,
        failed: 0,
        inFlight: 0,
        successRate: 1,
        lastAttemptAt: expect.any(String),
        failingSince: null,
        disabledReason: null,
      });
      const toType = invoices.filter((x) => x.eventType === "invoice.failed").length;
      expect(h.get(epBadType)).toMatchObject({ delivered: 0, failed: toType, successRate: 0, failingSince: expect.any(String), disabledReason: null });
      // Failing since its first failed attempt: no later than the last one, no earlier than the first message it got.
      const badType = h.get(epBadType)!;
      expect(Date.parse(badType.failingSince!)).toBeLessThanOrEqual(Date.parse(badType.lastAttemptAt!));
      const firstSent = (await p.svix.message.get(app, m[1]!.id)).timestamp.getTime();
      expect(Date.parse(badType.failingSince!)).toBeGreaterThanOrEqual(firstSent);
      expect(h.get(epFlaky)).toMatchObject({ delivered: 1, failed: 0, successRate: 1, failingSince: null });
      expect(h.get(epGate)).toMatchObject({ delivered: 1, inFlight: 0, successRate: 1, lastAttemptAt: expect.any(String) });
      expect(h.get(epOff)).toMatchObject({ delivered: 0, successRate: null, lastAttemptAt: null, disabledReason: external ? "unknown" : "manual" });
    });

    test("a success ends the failing spell; re-enabling clears the reason", async () => {
      await p.svix.endpoint.patch(app, epBadType, { url: ok.url });
      const msg = await p.svix.message.create(app, { eventType: "invoice.failed", payload: { again: true } });
      m.push({ id: msg.id, eventType: "invoice.failed", channels: [], state: "success" });
      await eventually(health, (h) => h.get(epBadType)!.failingSince === null);
      expect((await health()).get(epBadType)).toMatchObject({ delivered: 1, failingSince: null });
      await p.svix.endpoint.patch(app, epOff, { disabled: false });
      expect((await health()).get(epOff)!.disabledReason).toBeNull();
      await p.svix.endpoint.patch(app, epOff, { disabled: true });
      expect((await health()).get(epOff)!.disabledReason).toBe(external ? "unknown" : "manual");
    });

    // The five-day clock is set in the embedded core's own database; an external core keeps its own.
    if (!external) test("an endpoint the dispatcher turned off says so", async () => {
      // Retries exhausted again more than five days after the first time: the dispatcher disables it.
      await p.database.db.update(endpoints).set({ firstFailureAt: new Date(Date.now() - 6 * 86_400_000) }).where(eq(endpoints.id, epBadChannel));
      await p.svix.message.create(app, { eventType: "invoice.paid", channels: ["eu"], payload: { last: true } });
      await eventually(health, (h) => h.get(epBadChannel)!.disabledReason === "auto");
    });
  });
}
