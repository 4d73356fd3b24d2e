import { asc, eq } from "drizzle-orm";
import { MessageStatus } from "svix";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as activity } from "@/app/api/portal/endpoints/[id]/activity/route";
import { GET as attempts } from "@/app/api/portal/endpoints/[id]/attempts/route";
import { POST as disable } from "@/app/api/portal/endpoints/[id]/disable/route";
import { POST as enable } from "@/app/api/portal/endpoints/[id]/enable/route";
import { GET as getHeaders, PUT as putHeaders } from "@/app/api/portal/endpoints/[id]/headers/route";
import { GET as recoverCount, POST as recover } from "@/app/api/portal/endpoints/[id]/recover/route";
import { GET as missingCount, POST as replayMissing } from "@/app/api/portal/endpoints/[id]/replay-missing/route";
import { DELETE as deleteEndpoint, GET as getEndpoint, PATCH as patchEndpoint } from "@/app/api/portal/endpoints/[id]/route";
import { GET as getSecret } from "@/app/api/portal/endpoints/[id]/secret/route";
import { POST as rotateSecret } from "@/app/api/portal/endpoints/[id]/secret/rotate/route";
import { POST as sendExample } from "@/app/api/portal/endpoints/[id]/send-example/route";
import { GET as stats } from "@/app/api/portal/endpoints/[id]/stats/route";
import { POST as createEndpoint, GET as listEndpoints } from "@/app/api/portal/endpoints/route";
import { portalAudit } from "@/lib/db/schema";
import type { Attempt } from "@/lib/delivery-api/types-attempts";
import type {
  Endpoint,
  EndpointActivity,
  EndpointHeaders,
  EndpointStats,
  Page,
  RecoverCount,
  SentExample,
  StartedTask,
} from "@/lib/delivery-api/types-endpoints";
import type { ErrorBody } from "@/lib/http/errors";
import { CAPABILITIES, type Capability } from "@/lib/session/capabilities";
import { endpointRoutes, routePath, type EndpointRoute } from "../support/bff-routes-endpoints";
import { PEER_HEADER } from "../support/peer";
import { startPortal, type TestPortal } from "../support/portal";
import { eventually, startReceiver, verify } from "../support/receiver";

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
type Handler = EndpointRoute["handler"];
type Call = { method?: string; params?: Record<string, string>; query?: Record<string, string>; body?: unknown; token?: string | null };

const CLIENT = { "user-agent": "bff-endpoints-test", [PEER_HEADER]: "203.0.113.7" };

/**
 * The endpoint BFF against a real core: embedded (in-process) by default, or a second core over
 * HTTP with `external: true`. Real deliveries go to receivers on 127.0.0.1.
 */
export function bffEndpointsSuite(opts: { external?: boolean } = {}) {
  let p: TestPortal;
  let rx: Receiver;
  /** B's receiver always fails, so B has failed and missed messages a stray recover or replay would touch. */
  let rxB: Receiver;
  let failing = false;
  let appA: string;
  let appB: string;
  let epB: string;
  let owner: string;
  let ownerSession: string;

  async function api<T = unknown>(handler: Handler, init: Call): Promise<{ status: number; body: T }> {
    const query = init.query ? `?${new URLSearchParams(init.query)}` : "";
    const res = await p.call(handler, {
      method: init.method ?? "GET",
      path: `/api/portal/endpoints${query}`,
      params: init.params ?? {},
      token: init.token === undefined ? owner : init.token,
      body: init.body,
      headers: CLIENT,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async function hit(route: EndpointRoute, token: string | null, endpointId: string) {
    const res = await p.call(route.handler, {
      method: route.method,
      path: routePath(route, endpointId),
      params: route.params(endpointId),
      token,
      body: route.body,
      headers: CLIENT,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as unknown };
  }

  const deliveries = (msgId: string) => rx.received.filter((r) => r.headers["webhook-id"] === msgId);
  const delivered = (msgId: string, count = 1) =>
    eventually(async () => deliveries(msgId), (list) => list.length >= count).then((list) => list[list.length - 1]!);
  const sendA = (payload: Record<string, unknown>) => p.svix.message.create(appA, { eventType: "invoice.paid", payload });

  async function auditRows(sessionId: string) {
    return p.rt.database.db.select().from(portalAudit).where(eq(portalAudit.sessionId, sessionId)).orderBy(asc(portalAudit.id));
  }

  /** What one application looks like from the org's side: everything a portal route could change. */
  async function snapshot(appId: string, endpointId: string) {
    return {
      endpoints: await p.svix.endpoint.list(appId, { limit: 250 }),
      headers: await p.svix.endpoint.getHeaders(appId, endpointId),
      secret: await p.svix.endpoint.getSecret(appId, endpointId),
      messages: await p.svix.message.list(appId, { limit: 250 }),
      attempted: await p.svix.messageAttempt.listAttemptedMessages(appId, endpointId, { limit: 250 }),
      attempts: await p.svix.messageAttempt.listByEndpoint(appId, endpointId, { limit: 250 }),
    };
  }

  beforeAll(async () => {
    p = await startPortal(opts);
    rx = await startReceiver((r) => (failing && r.body.includes('"fail":true') ? { status: 500, body: "nope" } : {}));
    rxB = await startReceiver(() => ({ status: 500, body: "b fails" }));
    appA = (await p.svix.application.create({ name: "A", uid: "tenant-a" })).id;
    appB = (await p.svix.application.create({ name: "B", uid: "tenant-b" })).id;
    await p.svix.eventType.create({
      name: "invoice.paid",
      description: "An invoice was paid",
      schemas: { "1": { type: "object", examples: [{ id: "in_example", amount: 4200 }] } },
    });
    await p.svix.eventType.create({ name: "invoice.voided", description: "No example for this one" });

    epB = (await p.svix.endpoint.create(appB, { url: `${rxB.url}/b`, uid: "b-hook" })).id;
    await p.svix.endpoint.updateHeaders(appB, epB, { headers: { "x-b": "b", authorization: "Bearer b-secret" } });
    await p.svix.message.create(appB, { eventType: "invoice.paid", payload: { b: 1 } });
    await p.svix.endpoint.patch(appB, epB, { disabled: true });
    await p.svix.message.create(appB, { eventType: "invoice.paid", payload: { b: 2 } });
    await p.svix.endpoint.patch(appB, epB, { disabled: false });
    await eventually(
      () => p.svix.messageAttempt.listAttemptedMessages(appB, epB, { status: MessageStatus.Fail }),
      (page) => page.data.length === 1,
    );

    const s = await p.session(appA);
    owner = s.accessToken;
    ownerSession = s.body.session.id;
  });

  afterAll(async () => {
    await p?.close();
    await rx?.close();
    await rxB?.close();
  });

  describe("an endpoint's life", () => {
    let ep: string;
    let other: string;
    let secret: string;
    let since: string;

    test("create, list (paginated), get by id or uid, patch (null clears)", async () => {
      const created = await api<Endpoint>(createEndpoint, {
        method: "POST",
        body: {
          url: `${rx.url}/main`,
          description: "Main",
          filterTypes: ["invoice.paid"],
          rateLimit: 50,
          metadata: { team: "billing" },
          uid: "main-hook",
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        url: `${rx.url}/main`,
        description: "Main",
        filterTypes: ["invoice.paid"],
        channels: null,
        rateLimit: 50,
        metadata: { team: "billing" },
        uid: "main-hook",
        disabled: false,
      });
      expect(Object.keys(created.body).sort()).toEqual(
        ["channels", "createdAt", "description", "disabled", "filterTypes", "id", "metadata", "rateLimit", "uid", "updatedAt", "url"],
      );
      ep = created.body.id;
      other = (await api<Endpoint>(createEndpoint, { method: "POST", body: { url: `${rx.url}/other`, filterTypes: ["never.sent"] } })).body.id;

      const first = await api<Page<Endpoint>>(listEndpoints, { query: { limit: "1" } });
      expect(first.status).toBe(200);
      expect(first.body.data.map((e) => e.id)).toEqual([other]);
      expect(first.body.done).toBe(false);
      const second = await api<Page<Endpoint>>(listEndpoints, { query: { limit: "1", iterator: first.body.iterator! } });
      expect(second.body.data.map((e) => e.id)).toEqual([ep]);

      for (const ref of [ep, "main-hook"]) {
        const got = await api<Endpoint>(getEndpoint, { params: { id: ref } });
        expect(got.status).toBe(200);
        expect(got.body).toEqual(created.body);
      }

      const patched = await api<Endpoint>(patchEndpoint, {
        method: "PATCH",
        params: { id: "main-hook" },
        body: { description: "Billing", rateLimit: null, channels: ["eu"], metadata: { team: "payments" } },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ id: ep, description: "Billing", rateLimit: null, channels: ["eu"], metadata: { team: "payments" } });
      expect(patched.body.filterTypes).toEqual(["invoice.paid"]);
      const cleared = await api<Endpoint>(patchEndpoint, { method: "PATCH", params: { id: ep }, body: { channels: null } });
      expect(cleared.body).toMatchObject({ channels: null, description: "Billing", filterTypes: ["invoice.paid"] });
    });

    test("headers: the whole set is replaced, sensitive values are withheld, and deliveries carry them", async () => {
      const put = await api(putHeaders, {
        method: "PUT",
        params: { id: ep },
        body: { headers: { "X-Tenant": "acme", Authorization: "Bearer s3cret" } },
      });
      expect(put.status).toBe(204);
      const got = await api<EndpointHeaders>(getHeaders, { params: { id: "main-hook" } });
      expect(got.body).toEqual({ headers: { "x-tenant": "acme" }, sensitive: ["authorization"] });
      expect(JSON.stringify(got.body)).not.toContain("s3cret");

      // The core owns the rules for header names; its refusal comes back as our 422.
      const reserved = await api<ErrorBody>(putHeaders, { method: "PUT", params: { id: ep }, body: { headers: { "content-type": "text/plain" } } });
      expect(reserved.status).toBe(422);
      expect(reserved.body.error.issues?.length).toBeGreaterThan(0);
      expect((await api<EndpointHeaders>(getHeaders, { params: { id: ep } })).body).toEqual(got.body);
    });

    test("the secret is revealed only on request; after a rotation deliveries verify with the new one", async () => {
      const before = await api<{ key: string }>(getSecret, { params: { id: ep } });
      expect(before.status).toBe(200);
      expect(before.body.key).toMatch(/^whsec_/);
      const endpoint = await api(getEndpoint, { params: { id: ep } });
      expect(JSON.stringify(endpoint.body)).not.toContain(before.body.key);

      expect((await api(rotateSecret, { method: "POST", params: { id: ep }, body: { gracePeriodSeconds: 0 } })).status).toBe(204);
      const after = await api<{ key: string }>(getSecret, { params: { id: "main-hook" } });
      expect(after.body.key).toMatch(/^whsec_/);
      expect(after.body.key).not.toBe(before.body.key);
      secret = after.body.key;

      const msg = await sendA({ n: 1 });
      const received = await delivered(msg.id);
      expect(() => verify(secret, received)).not.toThrow();
      expect(() => verify(before.body.key, received)).toThrow();
      expect(received.headers["x-tenant"]).toBe("acme");
      expect(received.headers.authorization).toBe("Bearer s3cret");
    });

    test("a disabled endpoint gets nothing; enabled again it does; replay-missing sends what it missed", async () => {
      const disabled = await api<Endpoint>(disable, { method: "POST", params: { id: ep } });
      expect(disabled.status).toBe(200);
      expect(disabled.body.disabled).toBe(true);
      since = new Date(Date.now() - 1000).toISOString();
      const missed = await sendA({ n: 2 });
      const enabled = await api<Endpoint>(enable, { method: "POST", params: { id: "main-hook" } });
      expect(enabled.body.disabled).toBe(false);
      const next = await sendA({ n: 3 });
      await delivered(next.id);
      expect((await p.svix.messageAttempt.listAttemptedDestinations(appA, missed.id)).data).toEqual([]);

      // The preview counts what the replay will send: the one missed message, not the one delivered.
      const count = await api<RecoverCount>(missingCount, { params: { id: "main-hook" }, query: { since } });
      expect(count).toEqual({ status: 200, body: { count: 1, capped: false } });

      const replay = await api<StartedTask>(replayMissing, { method: "POST", params: { id: ep }, body: { since } });
      expect(replay.status).toBe(202);
      expect(replay.body).toEqual({ taskId: expect.stringMatching(/^qtask_/), status: "running" });
      const late = await delivered(missed.id);
      expect(JSON.parse(late.body)).toEqual({ n: 2 });
      expect(() => verify(secret, late)).not.toThrow();
      const after = await api<RecoverCount>(missingCount, { params: { id: ep }, query: { since } });
      expect(after.body).toEqual({ count: 0, capped: false });
    });

    test("stats, activity and attempts after real deliveries; recover counts first, then retries", async () => {
      failing = true;
      const windowStart = new Date().toISOString();
      const f1 = await sendA({ fail: true, n: 4 });
      const f2 = await sendA({ fail: true, n: 5 });
      const counts = await eventually(
        async () => (await api<EndpointStats>(stats, { params: { id: ep } })).body,
        (s) => s.fail === 2 && s.sending === 0,
      );
      expect(counts).toEqual({ success: 3, pending: 0, sending: 0, fail: 2, canceled: 0 });
      const windowed = await api<EndpointStats>(stats, { params: { id: ep }, query: { since: windowStart } });
      expect(windowed.body).toMatchObject({ success: 0, fail: 2 });

      for (const [range, n, size] of [["24h", 24, 3_600_000], ["7d", 7, 86_400_000], ["30d", 30, 86_400_000]] as const) {
        const res = await api<EndpointActivity>(activity, { params: { id: "main-hook" }, query: { range } });
        expect(res.status).toBe(200);
        expect(res.body.range).toBe(range);
        const { buckets } = res.body;
        expect(buckets).toHaveLength(n);
        buckets.forEach((b, i) => {
          const span = Date.parse(b.end) - Date.parse(b.start);
          expect(span).toBeGreaterThan(0);
          expect(span).toBeLessThanOrEqual(size);
          if (i > 0) expect(b.start).toBe(buckets[i - 1]!.end);
        });
        expect(Date.parse(buckets[n - 1]!.end)).toBeLessThanOrEqual(Date.now());
        expect(buckets.reduce((s, b) => s + b.success, 0)).toBe(3);
        expect(buckets.reduce((s, b) => s + b.fail, 0)).toBe(2);
      }

      const failed = await api<Page<Attempt>>(attempts, { params: { id: ep }, query: { status: "fail" } });
      expect(failed.status).toBe(200);
      expect(failed.body.data.length).toBeGreaterThanOrEqual(2);
      expect(new Set(failed.body.data.map((a) => a.messageId))).toEqual(new Set([f1.id, f2.id]));
      for (const a of failed.body.data) {
        expect(a).toMatchObject({ endpointId: ep, status: "fail", statusCode: 500, response: "nope", trigger: "scheduled" });
        expect(a.durationMs).toBeGreaterThanOrEqual(0);
      }
      const ok = await api<Page<Attempt>>(attempts, { params: { id: ep }, query: { status: "success" } });
      expect(ok.body.data).toHaveLength(3);
      for (const a of ok.body.data) expect(a).toMatchObject({ status: "success", statusCode: 200, response: "ok" });
      const page1 = await api<Page<Attempt>>(attempts, { params: { id: ep }, query: { limit: "2" } });
      expect(page1.body.data).toHaveLength(2);
      expect(page1.body.done).toBe(false);
      const page2 = await api<Page<Attempt>>(attempts, { params: { id: ep }, query: { limit: "2", iterator: page1.body.iterator! } });
      expect(page2.body.data).toHaveLength(2);
      expect(page2.body.data.map((a) => a.id)).not.toContain(page1.body.data[0]!.id);
      const older = await api<Page<Attempt>>(attempts, { params: { id: ep }, query: { before: windowStart } });
      expect(older.body.data.every((a) => a.messageId !== f1.id && a.messageId !== f2.id)).toBe(true);

      const count = await api<RecoverCount>(recoverCount, { params: { id: ep }, query: { since: windowStart } });
      expect(count.status).toBe(200);
      expect(count.body).toEqual({ count: 2, capped: false });
      const none = await api<RecoverCount>(recoverCount, { params: { id: ep }, query: { since: new Date().toISOString() } });
      expect(none.body).toEqual({ count: 0, capped: false });

      failing = false;
      const tries = deliveries(f1.id).length;
      const started = await api<StartedTask>(recover, { method: "POST", params: { id: "main-hook" }, body: { since: windowStart } });
      expect(started.status).toBe(202);
      expect(started.body.taskId).toMatch(/^qtask_/);
      for (const m of [f1, f2]) {
        const retried = await delivered(m.id, tries + 1);
        expect(() => verify(secret, retried)).not.toThrow();
      }
      await eventually(
        async () => (await api<RecoverCount>(recoverCount, { params: { id: ep }, query: { since: windowStart } })).body,
        (c) => c.count === 0,
      );
      const manual = await api<Page<Attempt>>(attempts, { params: { id: ep }, query: { status: "success", after: windowStart } });
      expect(manual.body.data.filter((a) => a.trigger === "manual").map((a) => a.messageId).sort()).toEqual([f1.id, f2.id].sort());
    });

    test("send-example delivers the event type's example, checked through the session's app first", async () => {
      const sent = await api<SentExample>(sendExample, { method: "POST", params: { id: "main-hook" }, body: { eventType: "invoice.paid" } });
      expect(sent.status).toBe(202);
      expect(sent.body).toEqual({ messageId: expect.stringMatching(/^msg_/), endpointId: ep, eventType: "invoice.paid" });
      const received = await delivered(sent.body.messageId);
      expect(JSON.parse(received.body)).toEqual({ id: "in_example", amount: 4200 });
      expect(() => verify(secret, received)).not.toThrow();

      const noExample = await api<ErrorBody>(sendExample, { method: "POST", params: { id: ep }, body: { eventType: "invoice.voided" } });
      expect(noExample.status).toBe(400);
      expect(noExample.body.error.code).toBe("bad_request");
      const unknown = await api<ErrorBody>(sendExample, { method: "POST", params: { id: ep }, body: { eventType: "no.such.type" } });
      expect(unknown.status).toBe(404);
    });

    test("delete removes it", async () => {
      expect((await api(deleteEndpoint, { method: "DELETE", params: { id: "main-hook" } })).status).toBe(204);
      expect((await api(getEndpoint, { params: { id: ep } })).status).toBe(404);
      const list = await api<Page<Endpoint>>(listEndpoints, {});
      expect(list.body.data.map((e) => e.id)).toEqual([other]);
    });

    test("audit: every mutating action wrote one row with the session, action and target", async () => {
      const rows = await auditRows(ownerSession);
      expect(rows.map((r) => [r.action, r.target])).toEqual([
        ["endpoint.create", ep],
        ["endpoint.create", other],
        ["endpoint.update", ep],
        ["endpoint.update", ep],
        ["endpoint.headers.replace", ep],
        ["endpoint.secret.reveal", ep],
        ["endpoint.secret.rotate", ep],
        ["endpoint.secret.reveal", ep],
        ["endpoint.disable", ep],
        ["endpoint.enable", ep],
        ["endpoint.replay_missing", ep],
        ["endpoint.recover", ep],
        ["endpoint.send_example", ep],
        ["endpoint.delete", ep],
      ]);
      for (const r of rows) expect(r).toMatchObject({ appId: appA, ip: "203.0.113.7", userAgent: "bff-endpoints-test", actorEmail: null });
      expect(rows.find((r) => r.action === "endpoint.headers.replace")?.detail).toEqual({ names: ["X-Tenant", "Authorization"] });
      expect(JSON.stringify(rows)).not.toContain("s3cret");
      expect(JSON.stringify(rows)).not.toContain(secret);
    });
  });

  describe("cross-tenant: a session for A never reaches B", () => {
    test("every endpoint route answers 404 for B's endpoint, by id or by uid, and B is unchanged", async () => {
      const a = await p.session(appA);
      for (const route of endpointRoutes.filter((r) => r.target === "endpoint")) {
        for (const ref of [epB, "b-hook"]) {
          const before = await snapshot(appB, epB);
          const res = await hit(route, a.accessToken, ref);
          expect(res.status, `${route.name} ${ref}`).toBe(404);
          expect(res.body).toEqual({ error: { code: "not_found", message: "Not found" } });
          expect(await snapshot(appB, epB), `${route.name} ${ref}`).toEqual(before);
        }
      }
      expect(await auditRows(a.body.session.id)).toEqual([]);
    });

    test("the application routes list and create in A only", async () => {
      const a = await p.session(appA);
      const before = await snapshot(appB, epB);
      for (const route of endpointRoutes.filter((r) => r.target === "app")) {
        const res = await hit(route, a.accessToken, epB);
        expect(res.status, route.name).toBeLessThan(300);
        expect(JSON.stringify(res.body)).not.toContain(epB);
        if (route.method === "POST") {
          const id = (res.body as Endpoint).id;
          expect((await p.svix.endpoint.get(appA, id)).id).toBe(id);
          await expect(p.svix.endpoint.get(appB, id)).rejects.toMatchObject({ code: 404 });
        }
      }
      expect(await snapshot(appB, epB)).toEqual(before);
    });
  });

  describe("capabilities", () => {
    let target: string;
    beforeAll(async () => {
      target = (await p.svix.endpoint.create(appA, { url: `${rx.url}/cap`, uid: "cap-hook", filterTypes: ["cap.only"] })).id;
    });

    const withoutOne = (missing: Capability) => CAPABILITIES.filter((c) => c !== missing);

    test("a read-only session reads, and gets 403 on every mutating and every secret route; nothing changes", async () => {
      const ro = await p.session(appA, { readOnly: true });
      expect(ro.body.session.capabilities).toEqual(["ViewBase"]);
      for (const route of endpointRoutes) {
        const before = await snapshot(appA, target);
        const res = await hit(route, ro.accessToken, target);
        if (route.capability === "ViewBase") {
          expect(res.status, route.name).toBe(200);
          continue;
        }
        expect(res.status, route.name).toBe(403);
        expect(res.body).toEqual({ error: { code: "forbidden", message: "You do not have access to this action." } });
        expect(await snapshot(appA, target), route.name).toEqual(before);
      }
      expect(endpointRoutes.filter((r) => r.mutates).every((r) => r.capability !== "ViewBase")).toBe(true);
      expect(await auditRows(ro.body.session.id)).toEqual([]);
    });

    test("each route needs its own capability: every other one together is not enough", async () => {
      for (const missing of CAPABILITIES.filter((c) => c !== "ViewBase")) {
        const s = await p.session(appA, { capabilities: withoutOne(missing) });
        expect(s.body.session.capabilities).not.toContain(missing);
        for (const route of endpointRoutes.filter((r) => r.capability === missing)) {
          const before = await snapshot(appA, target);
          const res = await hit(route, s.accessToken, target);
          expect(res.status, `${route.name} without ${missing}`).toBe(403);
          expect(await snapshot(appA, target)).toEqual(before);
        }
        expect(await auditRows(s.body.session.id)).toEqual([]);
      }
    });

    test("ManageEndpointSecret alone rotates the secret but cannot read it", async () => {
      const s = await p.session(appA, { capabilities: ["ManageEndpointSecret"] });
      const before = await p.svix.endpoint.getSecret(appA, target);
      const read = await api(getSecret, { params: { id: target }, token: s.accessToken });
      expect(read.status).toBe(403);
      expect(JSON.stringify(read.body)).not.toContain(before.key);
      expect((await api(rotateSecret, { method: "POST", params: { id: target }, body: {}, token: s.accessToken })).status).toBe(204);
      expect((await p.svix.endpoint.getSecret(appA, target)).key).not.toBe(before.key);
      expect((await api(getSecret, { params: { id: target }, token: s.accessToken })).status).toBe(403);
    });
  });

  describe("refused requests change nothing", () => {
    test("no token or a garbage token: 401 on every route", async () => {
      const target = (await p.svix.endpoint.create(appA, { url: `${rx.url}/auth` })).id;
      const before = await snapshot(appA, target);
      for (const route of endpointRoutes) {
        for (const token of [null, "garbage", `${owner}x`]) {
          const res = await hit(route, token, target);
          expect(res.status, `${route.name} ${token}`).toBe(401);
          expect((res.body as ErrorBody).error.code).toBe("unauthorized");
        }
      }
      expect(await snapshot(appA, target)).toEqual(before);
    });

    test("bad input: 422 with issues, from our schemas or mapped from the core's", async () => {
      const target = (await p.svix.endpoint.create(appA, { url: `${rx.url}/input`, uid: "input-hook" })).id;
      const before = await snapshot(appA, target);
      const auditBefore = (await auditRows(ownerSession)).length;
      const id = { id: target };
      const cases: [string, Handler, Call, string][] = [
        ["not a URL", createEndpoint, { method: "POST", body: { url: "not a url" } }, "url"],
        ["ftp URL", createEndpoint, { method: "POST", body: { url: "ftp://example.com/x" } }, "url"],
        ["private IP (the core refuses it)", createEndpoint, { method: "POST", body: { url: "http://10.1.2.3/hook" } }, "url"],
        ["rate limit 0", createEndpoint, { method: "POST", body: { url: "https://example.com/x", rateLimit: 0 } }, "rateLimit"],
        ["rate limit over the core's ceiling (the core refuses it)", createEndpoint, { method: "POST", body: { url: "https://example.com/x", rateLimit: 70_000 } }, "rateLimit"],
        ["rate limit over the ceiling on patch", patchEndpoint, { method: "PATCH", params: id, body: { rateLimit: 70_000 } }, "rateLimit"],
        ["uid like an id", createEndpoint, { method: "POST", body: { url: "https://example.com/x", uid: "ep_123" } }, "uid"],
        ["empty filter list", patchEndpoint, { method: "PATCH", params: id, body: { filterTypes: [] } }, "filterTypes"],
        ["private IP on patch", patchEndpoint, { method: "PATCH", params: id, body: { url: "http://192.168.0.10/" } }, "url"],
        ["too many channels", patchEndpoint, { method: "PATCH", params: id, body: { channels: Array.from({ length: 11 }, (_, i) => `c${i}`) } }, "channels"],
        ["header value not a string", putHeaders, { method: "PUT", params: id, body: { headers: { "x-a": 1 } } }, "headers.x-a"],
        ["reserved header (the core refuses it)", putHeaders, { method: "PUT", params: id, body: { headers: { "svix-id": "x" } } }, "headers"],
        ["negative grace period", rotateSecret, { method: "POST", params: id, body: { gracePeriodSeconds: -1 } }, "gracePeriodSeconds"],
        ["stats since not a date", stats, { params: id, query: { since: "yesterday" } }, "since"],
        ["unknown activity range", activity, { params: id, query: { range: "1y" } }, "range"],
        ["attempt status not success|fail", attempts, { params: id, query: { status: "pending" } }, "status"],
        ["limit over 250", attempts, { params: id, query: { limit: "251" } }, "limit"],
        ["recover without since", recover, { method: "POST", params: id, body: {} }, "since"],
        ["recover over more than 14 days", recover, { method: "POST", params: id, body: { since: new Date(Date.now() - 15 * 86_400_000).toISOString() } }, "since"],
        ["recover count, since after until", recoverCount, { params: id, query: { since: "2026-01-02T00:00:00Z", until: "2026-01-01T00:00:00Z" } }, "since"],
        ["replay without since", replayMissing, { method: "POST", params: id, body: { until: new Date().toISOString() } }, "since"],
        ["send-example without event type", sendExample, { method: "POST", params: id, body: {} }, "eventType"],
        ["body that is not JSON", createEndpoint, { method: "POST", body: "{nope" }, ""],
      ];
      for (const [name, handler, init, path] of cases) {
        const res = await api<ErrorBody>(handler, init);
        expect(res.status, name).toBe(422);
        expect(res.body.error.code, name).toBe("invalid");
        if (path) expect(res.body.error.issues?.map((i) => i.path), name).toContainEqual(expect.stringContaining(path));
      }
      expect(await snapshot(appA, target)).toEqual(before);
      expect(await auditRows(ownerSession)).toHaveLength(auditBefore);
    });

    test("the core's 422 comes back under the portal's field names, so a form shows it on the right input", async () => {
      const target = (await p.svix.endpoint.create(appA, { url: `${rx.url}/names` })).id;
      const before = await snapshot(appA, target);
      // Our schema takes any positive rate; the ceiling is the delivery service's, and it says "throttleRate".
      for (const [handler, init] of [
        [createEndpoint, { method: "POST", body: { url: "https://example.com/x", rateLimit: 70_000 } }],
        [patchEndpoint, { method: "PATCH", params: { id: target }, body: { rateLimit: 70_000 } }],
      ] as const) {
        const res = await api<ErrorBody>(handler, init);
        expect(res.status).toBe(422);
        expect(res.body.error.issues).toEqual([{ path: "rateLimit", message: expect.any(String) }]);
        expect(JSON.stringify(res.body)).not.toContain("throttleRate");
      }
      const url = await api<ErrorBody>(patchEndpoint, { method: "PATCH", params: { id: target }, body: { url: "http://10.9.8.7/hook" } });
      expect(url.body.error.issues).toEqual([{ path: "url", message: expect.any(String) }]);
      expect(await snapshot(appA, target)).toEqual(before);
    });

    test("a path that cannot name an endpoint is a 404", async () => {
      for (const bad of ["has space", "a/b", "x".repeat(257)]) {
        expect((await api(getEndpoint, { params: { id: bad } })).status).toBe(404);
      }
    });
  });
}
