import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as endpointAttempts } from "@/app/api/portal/endpoints/[id]/attempts/route";
import { GET as listEventTypes } from "@/app/api/portal/event-types/route";
import { GET as getMessage } from "@/app/api/portal/messages/[id]/route";
import { GET as listAttempts } from "@/app/api/portal/messages/[id]/attempts/route";
import { POST as resend } from "@/app/api/portal/messages/[id]/resend/route";
import { GET as exportMessages } from "@/app/api/portal/messages/export/route";
import { GET as listMessages } from "@/app/api/portal/messages/route";
import { portalAudit } from "@/lib/db/schema";
import type { CatalogEventType, EventCatalog } from "@/lib/delivery-api/types-event-types";
import type { Attempt } from "@/lib/delivery-api/types-attempts";
import type { MessageDetail, MessageSummary, Page } from "@/lib/delivery-api/types-messages";
import { callRoute, messageRoutes, uncoveredMessageRoutes, type Target } from "../support/bff-routes-messages";
import { startPortal, type TestPortal } from "../support/portal";
import { eventually, startReceiver } from "../support/receiver";

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The delivery-log BFF against real deliveries: a healthy and a failing receiver for app A, a
 * second application B that A's sessions must never reach. Run with the embedded core here and
 * with an external one (over HTTP) by bff-messages.external.test.ts (this file holds the suite; bff-messages.test.ts runs it embedded).
 */
export function messagesSuite(opts: { external?: boolean } = {}) {
  let p: TestPortal;
  let ok: Receiver;
  let bad: Receiver;
  let other: Receiver;
  let appA: string;
  let appB: string;
  let epOk: string;
  let epBad: string;
  let epB: string;
  /** A's messages, oldest first. */
  const m: { id: string; eventId: string | null; eventType: string; channels: string[] }[] = [];
  let splitAt: Date;
  let b: Target;
  let full: string;
  let readOnly: string;

  const json = async <T>(res: Response) => (await res.json()) as T;
  const ids = (page: { data: { id: string }[] }) => page.data.map((x) => x.id);
  const newestFirst = (list: { id: string }[]) => list.map((x) => x.id).reverse();
  const list = async (query: Record<string, string>, token = full) => {
    const res = await p.call(listMessages, { path: `/api/portal/messages?${new URLSearchParams(query)}`, token });
    expect(res.status).toBe(200);
    return json<Page<MessageSummary>>(res);
  };

  beforeAll(async () => {
    p = await startPortal(opts);
    ok = await startReceiver();
    bad = await startReceiver(() => ({ status: 500, body: "upstream exploded" }));
    other = await startReceiver();
    const schema = {
      type: "object",
      properties: { amount: { type: "integer" } },
      required: ["amount"],
      examples: [{ amount: 42 }],
    };
    await p.svix.eventType.create({ name: "invoice.paid", description: "An invoice was paid", schemas: { "1": schema } });
    await p.svix.eventType.create({ name: "invoice.failed", description: "A charge failed" });
    await p.svix.eventType.create({ name: "user.created", description: "Beta only", featureFlags: ["beta"], schemas: { "1": { type: "object", examples: [{ id: 1 }] } } });
    await p.svix.eventType.create({ name: "legacy.thing", description: "Gone" });
    await p.svix.eventType.delete("legacy.thing");

    appA = (await p.svix.application.create({ name: "Acme" })).id;
    appB = (await p.svix.application.create({ name: "Globex" })).id;
    epOk = (await p.svix.endpoint.create(appA, { url: ok.url })).id;
    epBad = (await p.svix.endpoint.create(appA, { url: bad.url })).id;
    epB = (await p.svix.endpoint.create(appB, { url: other.url })).id;

    const send = async (eventType: string, eventId: string | null, channels: string[]) => {
      const msg = await p.svix.message.create(appA, { eventType, eventId, channels: channels.length ? channels : null, payload: { amount: m.length, note: 'said "hi", then left' } });
      m.push({ id: msg.id, eventId, eventType, channels });
      // KSUIDs order by 4 ms steps; a pause keeps creation order and id order the same.
      await pause(6);
    };
    await send("invoice.paid", "evt-1", ["eu", "b2b"]);
    await send("invoice.failed", null, ["us"]);
    await send("user.created", "-danger", []);
    await pause(30);
    splitAt = new Date();
    await pause(30);
    for (let i = 4; i <= 7; i++) await send("invoice.paid", `evt-${i}`, []);
    const mB = await p.svix.message.create(appB, { eventType: "invoice.paid", eventId: "evt-b", payload: { secret: "globex" } });
    b = { messageId: mB.id, eventId: "evt-b", endpointId: epB };

    await ok.waitFor(m.length);
    await other.waitFor(1);
    // The failing endpoint's retries (100, 200, 400 ms in tests) run out: every message there is "fail".
    await eventually(
      () => p.svix.messageAttempt.listAttemptedMessages(appA, epBad, { status: 2 }),
      (r) => r.data.length === m.length,
    );
    full = (await p.session(appA)).accessToken;
    readOnly = (await p.session(appA, { readOnly: true })).accessToken;
  });
  afterAll(async () => {
    await ok?.close();
    await bad?.close();
    await other?.close();
    await p?.close();
  });

  const target = (): Target => ({ messageId: m[0]!.id, eventId: "evt-1", endpointId: epOk });

  describe("listing", () => {
    test("lists the application's messages newest first, without payloads", async () => {
      const page = await list({});
      expect(ids(page)).toEqual(newestFirst(m));
      expect(page.done).toBe(true);
      const first = page.data.at(-1)!;
      // Every message failed at the failing endpoint: the worst state over its destinations.
      expect(first).toEqual({
        id: m[0]!.id,
        eventId: "evt-1",
        eventType: "invoice.paid",
        channels: ["eu", "b2b"],
        timestamp: expect.any(String),
        status: "fail",
        nextAttempt: null,
      });
      expect(Date.parse(first.timestamp)).not.toBeNaN();
      expect(page.data.find((x) => x.id === m[2]!.id)?.channels).toEqual([]);
    });

    test("pages through with limit and iterator", async () => {
      const seen: string[] = [];
      let iterator: string | null = null;
      let pages = 0;
      for (;;) {
        const page: Page<MessageSummary> = await list({ limit: "3", ...(iterator ? { iterator } : {}) });
        expect(page.data.length).toBeLessThanOrEqual(3);
        seen.push(...ids(page));
        pages++;
        if (page.done) break;
        iterator = page.iterator;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(newestFirst(m));
    });

    test("filters by event types, channel and time", async () => {
      expect(ids(await list({ eventTypes: "invoice.failed,user.created" }))).toEqual([m[2]!.id, m[1]!.id]);
      expect(ids(await list({ channel: "eu" }))).toEqual([m[0]!.id]);
      expect(ids(await list({ channel: "us" }))).toEqual([m[1]!.id]);
      expect(ids(await list({ before: splitAt.toISOString() }))).toEqual(newestFirst(m.slice(0, 3)));
      expect(ids(await list({ after: splitAt.toISOString() }))).toEqual(newestFirst(m.slice(3)));
      expect(ids(await list({ after: splitAt.toISOString(), eventTypes: "invoice.failed" }))).toEqual([]);
    });

    test("by endpoint, each row carries its status there; a status filter there is one of that endpoint's states", async () => {
      const good = await list({ endpoint: epOk });
      expect(ids(good)).toEqual(newestFirst(m));
      expect(good.data.every((x) => x.status === "success" && x.nextAttempt === null)).toBe(true);

      const failed = await list({ endpoint: epBad, status: "fail" });
      expect(ids(failed)).toEqual(newestFirst(m));
      expect(failed.data.every((x) => x.status === "fail")).toBe(true);
      expect((await list({ endpoint: epBad, status: "success" })).data).toEqual([]);
      expect((await list({ endpoint: epOk, status: "sending" })).data).toEqual([]);
      expect(ids(await list({ endpoint: epOk, status: "success", channel: "us" }))).toEqual([m[1]!.id]);

      for (const status of ["retrying", "none", "fail,success"]) {
        const res = await p.call(listMessages, { path: `/api/portal/messages?endpoint=${epBad}&status=${status}`, token: full });
        expect(res.status, status).toBe(422);
        expect((await json<ErrorBody>(res)).error.issues, status).toEqual([{ path: "status", message: expect.stringContaining("endpoint") }]);
      }
      // Without an endpoint it is the state over all destinations (bff-log-status.suite.ts has the mix).
      expect(ids(await list({ status: "fail" }))).toEqual(newestFirst(m));
      expect((await list({ status: "success" })).data).toEqual([]);
    });

    test("q finds one message by id or by eventId, within the other filters", async () => {
      expect(ids(await list({ q: m[3]!.id }))).toEqual([m[3]!.id]);
      expect(ids(await list({ q: "evt-1" }))).toEqual([m[0]!.id]);
      expect((await list({ q: "no-such-event" })).data).toEqual([]);
      expect((await list({ q: "evt-1", eventTypes: "invoice.failed" })).data).toEqual([]);
      expect((await list({ q: "evt-1", after: splitAt.toISOString() })).data).toEqual([]);
      const atBad = await list({ q: "evt-1", endpoint: epBad });
      expect(atBad.data).toEqual([expect.objectContaining({ id: m[0]!.id, status: "fail", nextAttempt: null })]);
      expect((await list({ q: "evt-1", endpoint: epBad, status: "success" })).data).toEqual([]);
    });
  });

  describe("one message", () => {
    test("comes with its payload and destinations, by id or eventId", async () => {
      const res = await p.call(getMessage, { params: { id: m[0]!.id }, token: full });
      expect(res.status).toBe(200);
      const msg = await json<MessageDetail>(res);
      expect(msg).toMatchObject({ id: m[0]!.id, eventId: "evt-1", eventType: "invoice.paid", channels: ["eu", "b2b"], destinationsComplete: true });
      expect(msg.payload).toEqual({ amount: 0, note: 'said "hi", then left' });
      expect([...msg.destinations].sort((x, y) => x.url.localeCompare(y.url))).toEqual(
        [
          { endpointId: epOk, url: ok.url, description: "", status: "success", nextAttempt: null },
          { endpointId: epBad, url: bad.url, description: "", status: "fail", nextAttempt: null },
        ].sort((x, y) => x.url.localeCompare(y.url)),
      );
      const byEventId = await json<MessageDetail>(await p.call(getMessage, { params: { id: "evt-1" }, token: full }));
      expect(byEventId.id).toBe(m[0]!.id);
      expect((await p.call(getMessage, { params: { id: "msg_nope" }, token: full })).status).toBe(404);
      expect((await p.call(getMessage, { params: { id: "not a message" }, token: full })).status).toBe(404);
    });

    test("its attempts have response bodies, status codes, durations and trigger types", async () => {
      const res = await p.call(listAttempts, { params: { id: m[1]!.id }, token: full });
      expect(res.status).toBe(200);
      const attempts = (await json<Page<Attempt>>(res)).data;
      const good = attempts.filter((a) => a.endpointId === epOk);
      const failed = attempts.filter((a) => a.endpointId === epBad);
      expect(good).toEqual([
        expect.objectContaining({ messageId: m[1]!.id, url: ok.url, status: "success", statusCode: 200, response: "ok", trigger: "scheduled" }),
      ]);
      expect(failed.length).toBeGreaterThan(1);
      for (const a of failed) {
        expect(a).toMatchObject({ status: "fail", statusCode: 500, response: "upstream exploded", trigger: "scheduled" });
      }
      for (const a of attempts) {
        expect(a.id).toMatch(/^atmpt_/);
        expect(a.durationMs).toBeGreaterThanOrEqual(0);
        expect(Date.parse(a.timestamp)).not.toBeNaN();
      }
      // Newest first.
      expect(attempts.map((a) => a.id)).toEqual(attempts.map((a) => a.id).sort().reverse());
      // One shape: the endpoint's attempt list says the same about the same attempt.
      const byEndpoint = await json<Page<Attempt>>(await p.call(endpointAttempts, { params: { id: epOk }, token: full }));
      expect(byEndpoint.data.find((a) => a.id === good[0]!.id)).toEqual(good[0]);

      const onlyBad = await json<Page<Attempt>>(
        await p.call(listAttempts, { path: `/api/portal/messages/x/attempts?endpoint=${epBad}&limit=2`, params: { id: "evt-1" }, token: full }),
      );
      expect(onlyBad.data).toHaveLength(2);
      expect(onlyBad.done).toBe(false);
      expect(onlyBad.data.every((a) => a.endpointId === epBad && a.messageId === m[0]!.id)).toBe(true);
    });
  });

  describe("resend", () => {
    test("sends the message to the endpoint again as a manual attempt, and audits it", async () => {
      const before = ok.received.length;
      const res = await p.call(resend, { method: "POST", params: { id: "evt-1" }, token: full, body: { endpointId: epOk } });
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ messageId: m[0]!.id, endpointId: epOk });
      await ok.waitFor(before + 1);
      expect(ok.received[before]!.headers["webhook-id"]).toBe(m[0]!.id);
      const manual = await eventually(
        async () => (await json<Page<Attempt>>(await p.call(listAttempts, { params: { id: m[0]!.id }, token: full }))).data,
        (list) => list.some((a) => a.trigger === "manual"),
      );
      expect(manual.filter((a) => a.trigger === "manual")).toEqual([expect.objectContaining({ endpointId: epOk, statusCode: 200, status: "success" })]);

      const rows = await p.database.db
        .select()
        .from(portalAudit)
        .where(and(eq(portalAudit.appId, appA), eq(portalAudit.action, "message.resend")));
      expect(rows).toEqual([expect.objectContaining({ target: m[0]!.id, detail: { endpointId: epOk } })]);
    });

    test("a message whose payload is gone cannot be resent: a clear 400, nothing audited", async () => {
      await p.svix.message.expungeContent(appA, m[2]!.id);
      const res = await p.call(resend, { method: "POST", params: { id: m[2]!.id }, token: full, body: { endpointId: epOk } });
      expect(res.status).toBe(400);
      expect((await json<ErrorBody>(res)).error).toEqual({ code: "bad_request", message: expect.stringMatching(/payload has expired or was deleted/) });
      const rows = await p.database.db.select().from(portalAudit).where(eq(portalAudit.target, m[2]!.id));
      expect(rows).toEqual([]);
    });

    test("a body without an endpoint is refused with issues", async () => {
      const res = await p.call(resend, { method: "POST", params: { id: m[0]!.id }, token: full, body: {} });
      expect(res.status).toBe(422);
      expect((await json<ErrorBody>(res)).error.issues?.[0]?.path).toBe("endpointId");
    });
  });

  describe("event catalog", () => {
    test("has descriptions, schemas and examples; archived and unentitled flagged types are left out", async () => {
      const res = await p.call(listEventTypes, { token: full });
      expect(res.status).toBe(200);
      const catalog = await json<EventCatalog>(res);
      expect(catalog.truncated).toBe(false);
      expect(catalog.data.map((t) => t.name)).toEqual(["invoice.failed", "invoice.paid"]);
      const paid = catalog.data.find((t) => t.name === "invoice.paid")!;
      expect(paid).toEqual<CatalogEventType>({
        name: "invoice.paid",
        description: "An invoice was paid",
        deprecated: false,
        schema: expect.objectContaining({ type: "object", required: ["amount"] }),
        examples: [{ amount: 42 }],
        featureFlag: null,
      });
      expect(catalog.data.find((t) => t.name === "invoice.failed")).toMatchObject({ schema: null, examples: [] });

      const beta = (await p.session(appA, { readOnly: true, featureFlags: ["beta"] })).accessToken;
      const flagged = await json<EventCatalog>(await p.call(listEventTypes, { token: beta }));
      expect(flagged.data.map((t) => t.name)).toEqual(["invoice.failed", "invoice.paid", "user.created"]);
      expect(flagged.data[2]).toMatchObject({ featureFlag: "beta", examples: [{ id: 1 }] });
    });
  });

  describe("access", () => {
    test("every delivery-log route of the table has a case in the matrix", () => {
      expect(uncoveredMessageRoutes).toEqual([]);
    });

    test("without a token, or with a garbage one, every route answers 401", async () => {
      for (const c of messageRoutes) {
        for (const token of [null, "garbage.token.here"]) {
          const res = await callRoute(p, c, target(), token);
          expect(res.status, `${c.name} with ${token ?? "no token"}`).toBe(401);
        }
      }
    });

    test("a read-only session reads everything and gets 403 on resend, changing nothing", async () => {
      const delivered = ok.received.length;
      const audit = () => p.database.db.select().from(portalAudit).where(eq(portalAudit.appId, appA));
      const audited = (await audit()).length;
      for (const c of messageRoutes) {
        const res = await callRoute(p, c, target(), readOnly);
        const expected = c.capability === "ViewBase" ? c.ok : 403;
        expect(res.status, c.name).toBe(expected);
      }
      expect(await audit()).toHaveLength(audited);
      expect(ok.received.length).toBe(delivered);
    });

    test("bad filters are refused with 422 and per-field issues", async () => {
      const cases: [string, string][] = [
        ["/api/portal/messages?before=yesterday", "before"],
        ["/api/portal/messages?after=2026-13-45T00:00:00Z", "after"],
        ["/api/portal/messages?status=bogus&endpoint=ep_x", "status"],
        ["/api/portal/messages?limit=0", "limit"],
        ["/api/portal/messages?limit=999", "limit"],
        ["/api/portal/messages?eventTypes=a,b%20c", "eventTypes.1"],
        ["/api/portal/messages?channel=a%2Cb", "channel"],
        ["/api/portal/messages?q=not%20an%20id", "q"],
      ];
      for (const [path, field] of cases) {
        const res = await p.call(listMessages, { path, token: full });
        expect(res.status, path).toBe(422);
        const body = await json<ErrorBody>(res);
        expect(body.error.code).toBe("invalid");
        expect(body.error.issues?.map((i) => i.path), path).toContain(field);
      }
      const attempts = await p.call(listAttempts, { path: "/api/portal/messages/x/attempts?limit=0", params: { id: m[0]!.id }, token: full });
      expect(attempts.status).toBe(422);
      for (const query of ["format=xml", "max=0", "max=10001", "status=retrying&endpoint=ep_x", "before=soon"]) {
        const res = await p.call(exportMessages, { path: `/api/portal/messages/export?${query}`, token: full });
        expect(res.status, query).toBe(422);
      }
    });

    test("a session for A asking for B's messages and endpoints gets 404 or nothing, and B is unchanged", async () => {
      const attemptsBefore = await p.svix.messageAttempt.listByMsg(appB, b.messageId);
      const foreign = [b.messageId, b.eventId, b.endpointId, appB, "globex"];
      for (const c of messageRoutes) {
        const res = await callRoute(p, c, b, full);
        const text = await res.text();
        if (c.list) expect([200, 404], c.name).toContain(res.status);
        else expect(res.status, c.name).toBe(404);
        for (const id of foreign) expect(text, `${c.name} leaks ${id}`).not.toContain(id);
        if (c.list && res.status === 200 && c.name.startsWith("messages")) expect(JSON.parse(text), c.name).toMatchObject({ data: [] });
      }
      // Mixed: A's own message to B's endpoint, and B's message to A's endpoint.
      const mixed = [
        { id: m[0]!.id, endpointId: epB },
        { id: b.messageId, endpointId: epOk },
      ];
      for (const { id, endpointId } of mixed) {
        const res = await p.call(resend, { method: "POST", params: { id }, token: full, body: { endpointId } });
        expect(res.status).toBe(404);
      }
      const attempts = await p.call(listAttempts, { path: `/api/portal/messages/x/attempts?endpoint=${epB}`, params: { id: m[0]!.id }, token: full });
      expect(attempts.status).toBe(404);

      expect((await p.svix.messageAttempt.listByMsg(appB, b.messageId)).data).toEqual(attemptsBefore.data);
      expect(other.received).toHaveLength(1);
      expect(await p.database.db.select().from(portalAudit).where(eq(portalAudit.appId, appB))).toEqual([]);
    });
  });
}

