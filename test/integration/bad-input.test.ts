/**
 * Every kind of bad input gets a 4xx in Svix's shape, never a 500, and leaves nothing half-written.
 * Deliveries are off (`dispatch: false`) so a message's destination and task rows stay countable.
 */
import http from "node:http";
import { SignJWT } from "jose";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { rows } from "@/lib/db/client";
import { ORG_ID } from "@/lib/core/tokens";
import { startCore, type TestCore } from "../support/core-server";

let t: TestCore;
let appId: string;
let endpointId: string;
/** No error response may carry internals: a stack frame, an exception's text, a source path. */
function expectNoLeak(text: string): void {
  expect(/Error:|\n\s+at\s|node_modules|\.ts:\d+/.test(text), text.slice(0, 300)).toBe(false);
}

/** `text` is cut to 300 characters: it only serves failure messages. */
type Reply = { status: number; body: unknown; text: string; headers: Headers };

async function call(path: string, init: RequestInit & { token?: string | null } = {}): Promise<Reply> {
  const res = await t.request(path, init);
  const text = await res.text();
  expectNoLeak(text);
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, text: text.slice(0, 300), headers: res.headers };
}

const post = (path: string, body: unknown, init: RequestInit & { token?: string | null } = {}) =>
  call(path, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), ...init });

type Item = { loc: string[]; msg: string; type: string };

/** A 422 in HTTPValidationError's shape with an item at `loc` (and of `type`, when given). */
function expect422(reply: Reply, loc: string[], type?: string): void {
  expect(reply.status, reply.text).toBe(422);
  const detail = (reply.body as { detail: Item[] }).detail;
  expect(Array.isArray(detail) && detail.length > 0, reply.text).toBe(true);
  for (const item of detail) {
    expect(item.loc.every((l) => typeof l === "string"), reply.text).toBe(true);
    expect(typeof item.msg).toBe("string");
    expect(typeof item.type).toBe("string");
  }
  expect(detail.some((i) => JSON.stringify(i.loc) === JSON.stringify(loc) && (type === undefined || i.type === type)), reply.text).toBe(true);
}

/** An HttpErrorOut: `{code, detail}` with this status and code. */
function expectError(reply: Reply, status: number, code: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.body).toEqual({ code, detail: expect.any(String) as string });
}

type Counts = { applications: number; messages: number; message_destinations: number; delivery_tasks: number };

async function counts(): Promise<Counts> {
  const [row] = await rows<Counts>(
    t.database.db,
    sql`SELECT (SELECT count(*)::int FROM applications) AS applications, (SELECT count(*)::int FROM messages) AS messages,
      (SELECT count(*)::int FROM message_destinations) AS message_destinations, (SELECT count(*)::int FROM delivery_tasks) AS delivery_tasks`,
  );
  return row!;
}

const MiB = 1024 * 1024;
/** A message body whose payload serialises to exactly `bytes` bytes. */
function messageOfPayloadSize(bytes: number): string {
  const filler = bytes - JSON.stringify({ a: "" }).length;
  return JSON.stringify({ eventType: "big", payload: { a: "x".repeat(filler) } });
}

beforeAll(async () => {
  t = await startCore({ dispatch: false });
  appId = (await t.svix.application.create({ name: "Bad input" })).id;
  endpointId = (await t.svix.endpoint.create(appId, { url: "https://example.com/hook" })).id;
});
afterAll(() => t.close());

describe("bodies", () => {
  test("malformed JSON is a 422 value_error.jsondecode at body", async () => {
    for (const text of ["{bad", '{"name":', '{"name":"a"} trailing', "\uFEFF{}", "{'name':'a'}"]) {
      expect422(await post("/api/v1/app", text), ["body"], "value_error.jsondecode");
    }
  });

  test("an empty body is a missing body", async () => {
    expect422(await post("/api/v1/app", ""), ["body"], "value_error.missing");
  });

  test("valid JSON that is not an object is a 422 at body", async () => {
    for (const text of ["[]", '"name"', "42", "null", "true"]) {
      expect422(await post("/api/v1/app", text), ["body"]);
      expect422(await post(`/api/v1/app/${appId}/msg`, text), ["body"]);
      expect422(await post(`/api/v1/app/${appId}/endpoint`, text), ["body"]);
    }
  });

  test("nesting deeper than serde_json's limit is refused before it is parsed", async () => {
    const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
    expect422(await post(`/api/v1/app/${appId}/msg`, `{"eventType":"x","payload":{"a":${deep(100_000)}}}`), ["body"], "value_error.jsondecode");
    expect422(await post("/api/v1/app", `{"name":"x","metadata":{"a":${deep(5000)}}}`), ["body"], "value_error.jsondecode");
    // Brackets inside strings are text, not nesting.
    const ok = await post(`/api/v1/app/${appId}/msg`, { eventType: "x", payload: { a: deep(1000) } });
    expect(ok.status, ok.text).toBe(202);
    const nested = await post(`/api/v1/app/${appId}/msg`, `{"eventType":"x","payload":{"a":${deep(100)}}}`);
    expect(nested.status, nested.text).toBe(202);
  });

  test("wrong types are 422s whose loc names the field, as strings", async () => {
    expect422(await post("/api/v1/app", { name: 5 }), ["body", "name"], "type_error.string");
    expect422(await post("/api/v1/app", { name: "a", metadata: { k: 1 } }), ["body", "metadata", "k"]);
    expect422(await post(`/api/v1/app/${appId}/endpoint`, { url: 5 }), ["body", "url"]);
    expect422(await post(`/api/v1/app/${appId}/endpoint`, { url: "https://example.com", disabled: "yes" }), ["body", "disabled"]);
    expect422(await post(`/api/v1/app/${appId}/msg`, { eventType: "x", payload: {}, channels: ["ok", 5] }), ["body", "channels", "1"]);
    expect422(await post(`/api/v1/app/${appId}/msg`, { eventType: 7, payload: {} }), ["body", "eventType"]);
    expect422(await post("/api/v1/event-type", { name: "a.b", description: 5 }), ["body", "description"]);
    expect422(await post(`/api/v1/app/${appId}/endpoint/${endpointId}/recover`, { since: "last tuesday" }), ["body", "since"]);
  });

  test("missing fields are value_error.missing", async () => {
    expect422(await post("/api/v1/app", {}), ["body", "name"], "value_error.missing");
    expect422(await post(`/api/v1/app/${appId}/endpoint`, {}), ["body", "url"], "value_error.missing");
    expect422(await post(`/api/v1/app/${appId}/msg`, { payload: {} }), ["body", "eventType"], "value_error.missing");
    expect422(await post(`/api/v1/app/${appId}/msg`, { eventType: "x" }), ["body", "payload"], "value_error.missing");
    expect422(await post("/api/v1/event-type", { name: "a.b" }), ["body", "description"], "value_error.missing");
  });

  test("a payload that is not an object is a 422 at body.payload", async () => {
    for (const payload of [[1, 2], "text", 5, null, true]) {
      expect422(await post(`/api/v1/app/${appId}/msg`, { eventType: "x", payload }), ["body", "payload"]);
    }
  });

  test("uids must match Svix's pattern and may not look like our ids", async () => {
    for (const uid of ["has space", "slash/ed", "ünïcode", "", "u".repeat(257), "app_looks_like_an_id"]) {
      expect422(await post("/api/v1/app", { name: "a", uid }), ["body", "uid"]);
    }
    for (const uid of ["a/b", "ep_looks_like_an_id", "semi;colon"]) {
      expect422(await post(`/api/v1/app/${appId}/endpoint`, { url: "https://example.com", uid }), ["body", "uid"]);
    }
    expect422(await post("/api/v1/event-type", { name: "bad name!", description: "d" }), ["body", "name"]);
    expect422(await post(`/api/v1/app/${appId}/msg`, { eventType: "bad type!", payload: {} }), ["body", "eventType"]);
    expect422(await post(`/api/v1/app/${appId}/msg`, { eventType: "x", payload: {}, eventId: "spaced id" }), ["body", "eventId"]);
  });

  test("a uid in the path of an upsert follows the same pattern", async () => {
    const before = await counts();
    const app = await call(`/api/v1/app/${encodeURIComponent("bad uid!")}`, { method: "PUT", body: JSON.stringify({ name: "a" }) });
    expect(app.status, app.text).toBe(422);
    const ep = await call(`/api/v1/app/${appId}/endpoint/${encodeURIComponent("bad uid!")}`, {
      method: "PUT",
      body: JSON.stringify({ url: "https://example.com" }),
    });
    expect(ep.status, ep.text).toBe(422);
    expect((await counts()).applications).toBe(before.applications);
  });

  test("throttleRate must be at least 1 (and a whole number up to 65535)", async () => {
    expect422(await post("/api/v1/app", { name: "a", throttleRate: 0 }), ["body", "throttleRate"]);
    expect422(await post("/api/v1/app", { name: "a", rateLimit: 0 }), ["body", "rateLimit"]);
    expect422(await post("/api/v1/app", { name: "a", throttleRate: 1.5 }), ["body", "throttleRate"]);
    expect422(await post("/api/v1/app", { name: "a", throttleRate: 65_536 }), ["body", "throttleRate"]);
    expect422(await post(`/api/v1/app/${appId}/endpoint`, { url: "https://example.com", throttleRate: 0 }), ["body", "throttleRate"]);
    expect422(await call(`/api/v1/app/${appId}`, { method: "PATCH", body: JSON.stringify({ throttleRate: -1 }) }), ["body", "throttleRate"]);
  });

  test("endpoint URLs that are not http(s) URLs are 422s", async () => {
    for (const url of ["not a url", "ftp://example.com/x", "https://", "javascript:alert(1)", "http://exa mple.com/"]) {
      expect422(await post(`/api/v1/app/${appId}/endpoint`, { url }), ["body", "url"]);
    }
  });

  test("NUL characters, which Postgres cannot store, are 422s (and 404s in paths)", async () => {
    const before = await counts();
    expect422(await post("/api/v1/app", { name: "a\u0000b" }), ["body", "name"]);
    expect422(await post("/api/v1/app", { name: "a", metadata: { k: "v\u0000" } }), ["body", "metadata", "k"]);
    expect422(await call(`/api/v1/app/${appId}/msg?iterator=%00`), ["query", "iterator"]);
    expect422(await call(`/api/v1/app?order=ascending&iterator=app_%00`), ["query", "iterator"]);
    expectError(await call("/api/v1/app/%00"), 404, "not_found");
    expectError(await call(`/api/v1/app/${appId}/endpoint/ep_%00`), 404, "not_found");
    expect((await counts()).applications).toBe(before.applications);
  });
});

describe("unstorable text and unreachable names", () => {
  const LONE = "\ud800";

  test("NUL and lone surrogates in stored fields are 422s at the field, and nothing is written", async () => {
    const before = await counts();
    for (const bad of ["v\u0000", `v${LONE}`]) {
      expect422(await post("/api/v1/app", { name: "a", metadata: { k: bad } }), ["body", "metadata", "k"]);
      expect422(await post("/api/v1/app", { name: "a", metadata: { [bad]: "v" } }), ["body", "metadata", bad]);
      expect422(await post("/api/v1/app", { name: bad }), ["body", "name"]);
      expect422(await post(`/api/v1/app/${appId}/endpoint`, { url: "https://example.com", metadata: { k: bad } }), ["body", "metadata", "k"]);
      expect422(await post(`/api/v1/app/${appId}/endpoint`, { url: "https://example.com", description: bad }), ["body", "description"]);
      const schemas = { "1": { type: "object", title: bad } };
      expect422(await post("/api/v1/event-type", { name: "storable.check", description: "d", schemas }), ["body", "schemas"]);
      expect422(await post("/api/v1/event-type", { name: "storable.check", description: bad }), ["body", "description"]);
    }
    // A well-formed pair (an emoji) is ordinary text.
    const ok = await post("/api/v1/app", { name: "\ud83d\ude00", metadata: { k: "\ud83d\ude00" } });
    expect(ok.status, ok.text).toBe(201);
    expect((await counts()).applications).toBe(before.applications + 1);
    expect((await call("/api/v1/event-type/storable.check")).status).toBe(404);
  });

  test("names made only of dots are refused wherever a name is taken", async () => {
    const before = await counts();
    for (const dots of [".", ".."]) {
      expect422(await post("/api/v1/app", { name: "a", uid: dots }), ["body", "uid"]);
      expect422(await post(`/api/v1/app/${appId}/endpoint`, { url: "https://example.com", uid: dots }), ["body", "uid"]);
      expect422(await post(`/api/v1/app/${appId}/msg`, { eventType: "x", payload: {}, eventId: dots }), ["body", "eventId"]);
      expect422(await post(`/api/v1/app/${appId}/msg`, { eventType: dots, payload: {} }), ["body", "eventType"]);
      expect422(await post("/api/v1/event-type", { name: dots, description: "d" }), ["body", "name"]);
      expect422(await post(`/api/v1/app/${appId}/endpoint`, { url: "https://example.com", filterTypes: [dots] }), ["body", "filterTypes", "0"]);
      expect422(await post(`/api/v1/app/${appId}/endpoint`, { url: "https://example.com", channels: [dots] }), ["body", "channels", "0"]);
    }
    // Dots inside a name are still fine.
    const ok = await post("/api/v1/app", { name: "a", uid: "a..b" });
    expect(ok.status, ok.text).toBe(201);
    const after = await counts();
    expect(after.applications).toBe(before.applications + 1);
    expect(after.messages).toBe(before.messages);
  });

  test("a date no query can hold is a 422 at its parameter", async () => {
    const stats = `/api/v1/app/${appId}/endpoint/${endpointId}/stats`;
    expect422(await call(`${stats}?until=0000-01-01T00:00:00Z`), ["query", "until"]);
    expect422(await call(`${stats}?since=0000-01-01T00:00:00Z`), ["query", "since"]);
    expect422(await call(`/api/v1/app/${appId}/msg?before=0000-01-01T00:00:00Z`), ["query", "before"]);
    expect422(await post(`/api/v1/app/${appId}/endpoint/${endpointId}/recover`, { since: "0000-01-01T00:00:00Z" }), ["body", "since"]);
    const ok = await call(`${stats}?until=${new Date().toISOString()}`);
    expect(ok.status, ok.text).toBe(200);
  });
});

describe("query strings", () => {
  test("limit outside 1..250 or not a whole number is a 422 at query.limit", async () => {
    const lists = ["/api/v1/app", `/api/v1/app/${appId}/msg`, `/api/v1/app/${appId}/endpoint`, "/api/v1/event-type", `/api/v1/app/${appId}/attempt/endpoint/${endpointId}`];
    for (const list of lists) expect422(await call(`${list}?limit=251`), ["query", "limit"]);
    for (const limit of ["0", "-1", "abc", "1.5", "1e400"]) expect422(await call(`/api/v1/app?limit=${limit}`), ["query", "limit"]);
    const ok = await call("/api/v1/app?limit=250");
    expect(ok.status, ok.text).toBe(200);
  });

  test("dates that are not ISO 8601 are 422s naming the parameter", async () => {
    expect422(await call(`/api/v1/app/${appId}/msg?before=yesterday`), ["query", "before"]);
    expect422(await call(`/api/v1/app/${appId}/msg?after=2024-13-45T00:00:00Z`), ["query", "after"]);
    expect422(await call(`/api/v1/app/${appId}/endpoint/${endpointId}/stats?since=1700000000`), ["query", "since"]);
    expect422(await call(`/api/v1/app/${appId}/attempt/endpoint/${endpointId}?before=2024-01-01`), ["query", "before"]);
  });

  test("enumerations and booleans outside their values are 422s", async () => {
    expect422(await call("/api/v1/app?order=sideways"), ["query", "order"]);
    expect422(await call(`/api/v1/app/${appId}/msg?with_content=maybe`), ["query", "with_content"]);
    expect422(await call(`/api/v1/app/${appId}/attempt/endpoint/${endpointId}?status=9`), ["query", "status"]);
  });
});

describe("unknown things", () => {
  test("unknown ids are 404 not_found", async () => {
    expectError(await call("/api/v1/app/app_2aaaaaaaaaaaaaaaaaaaaaaaaaa"), 404, "not_found");
    expectError(await call("/api/v1/app/no-such-uid"), 404, "not_found");
    expectError(await call(`/api/v1/app/${appId}/endpoint/ep_2aaaaaaaaaaaaaaaaaaaaaaaaaa`), 404, "not_found");
    expectError(await call(`/api/v1/app/${appId}/msg/msg_2aaaaaaaaaaaaaaaaaaaaaaaaaa`), 404, "not_found");
    expectError(await call(`/api/v1/app/${appId}/msg/msg_2aaaaaaaaaaaaaaaaaaaaaaaaaa/attempt/atmpt_2aaaaaaaaaaaaaaaaaaaaaaaaaa`), 404, "not_found");
    expectError(await call("/api/v1/event-type/no.such.type"), 404, "not_found");
    expectError(await call(`/api/v1/app/${appId}/endpoint/nope`, { method: "PATCH", body: JSON.stringify({ description: "x" }) }), 404, "not_found");
    expectError(await call("/api/v1/app/nope", { method: "DELETE" }), 404, "not_found");
    expectError(await post("/api/v1/app/nope/msg", { eventType: "x", payload: {} }), 404, "not_found");
  });

  test("a known path with a method it does not have is a 405 {code, detail}", async () => {
    expectError(await call(`/api/v1/app/${appId}/msg`, { method: "PATCH", body: "{}" }), 405, "method_not_allowed");
    expectError(await call("/api/v1/app", { method: "PUT", body: "{}" }), 405, "method_not_allowed");
    expectError(await call("/api/v1/health/ping", { method: "DELETE" }), 405, "method_not_allowed");
  });

  test("an unknown path is a 404", async () => {
    // Straight to the handler: the contract check in the test server flags any path outside the spec.
    for (const path of ["/api/v1/nope", "/api/v1/app/x/unknown-thing", "/api/v2/app", "/elsewhere"]) {
      const res = await t.core.handle(new Request(`${t.url}${path}`, { headers: { authorization: "Bearer whatever" } }));
      const text = await res.text();
      expectNoLeak(text);
      expect(res.status).toBe(404);
      expect(JSON.parse(text)).toEqual({ code: "not_found", detail: "Entity not found" });
    }
  });
});

describe("tokens", () => {
  test("missing, wrong and malformed tokens are 401 authentication_failed", async () => {
    const otherKey = new TextEncoder().encode("another-deployment-another-key-0123456789");
    const forged = await new SignJWT({ org: ORG_ID })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(appId)
      .setIssuer("porthole")
      .setJti("forged")
      .setExpirationTime("1h")
      .sign(otherKey);
    const expired = await t.core.mintAppToken(appId, { expirySeconds: 0 });
    const cases: [string, Record<string, string>][] = [
      ["none", {}],
      ["wrong org token", { authorization: "Bearer not-the-org-token" }],
      ["empty bearer", { authorization: "Bearer " }],
      ["basic", { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` }],
      ["two words", { authorization: "Bearer a b" }],
      ["malformed jwt", { authorization: "Bearer a.b.c" }],
      ["forged jwt", { authorization: `Bearer ${forged}` }],
      ["expired app token", { authorization: `Bearer ${expired}` }],
    ];
    for (const [label, headers] of cases) {
      const reply = await call(`/api/v1/app/${appId}`, { token: null, headers });
      expect(reply.status, label).toBe(401);
      expectError(reply, 401, "authentication_failed");
    }
  });

  test("a token is refused after logout", async () => {
    const token = await t.core.mintAppToken(appId);
    expect((await call(`/api/v1/app/${appId}`, { token })).status).toBe(200);
    expect((await call("/api/v1/auth/logout", { method: "POST", token })).status).toBe(204);
    expectError(await call(`/api/v1/app/${appId}`, { token }), 401, "authentication_failed");
  });
});

describe("oversize bodies", () => {
  test("a payload of exactly 1 MiB is accepted", async () => {
    const reply = await post(`/api/v1/app/${appId}/msg`, messageOfPayloadSize(MiB));
    expect(reply.status, reply.text).toBe(202);
  });

  test("a payload over 1 MiB is a 413 payload_too_large", async () => {
    const before = await counts();
    expectError(await post(`/api/v1/app/${appId}/msg`, messageOfPayloadSize(MiB + 1)), 413, "payload_too_large");
    expectError(await post(`/api/v1/app/${appId}/msg`, messageOfPayloadSize(2 * MiB)), 413, "payload_too_large");
    expect(await counts()).toEqual(before);
  });

  test("a chunked upload without content-length is cut off at the limit", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"eventType":"big","payload":{"a":"'));
      },
      pull(c) {
        // 8 MiB in all: the server must stop reading long before the end.
        if (sent >= 8 * MiB) return c.close();
        sent += chunk.byteLength;
        c.enqueue(chunk);
      },
    });
    const before = await counts();
    const reply = await call(`/api/v1/app/${appId}/msg`, { method: "POST", body, duplex: "half" } as RequestInit);
    expectError(reply, 413, "payload_too_large");
    expect(reply.headers.get("connection")).toBe("close");
    expect(await counts()).toEqual(before);
    // The next request gets a fresh connection and a normal answer.
    expect((await call(`/api/v1/app/${appId}`)).status).toBe(200);
  });

  test("a content-length that claims too much is refused before the body is read", async () => {
    const { port } = new URL(t.url);
    const reply = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: `/api/v1/app/${appId}/msg`,
          headers: { authorization: "Bearer test_org_token_0123456789abcdef", "content-type": "application/json", "content-length": String(50 * MiB) },
        },
        (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, text });
          });
        },
      );
      req.on("error", reject);
      // Only a few bytes of the claimed 50 MiB ever arrive; the answer must not wait for the rest.
      req.write('{"eventType":"x",');
    });
    expectNoLeak(reply.text);
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.text)).toEqual({ code: "payload_too_large", detail: "Request payload is too large." });
  });

  test("a content-length that claims too little does not let a large body through", async () => {
    // Behind a proxy or adapter the header and the stream can disagree; the bytes are what count.
    const big = new TextEncoder().encode(messageOfPayloadSize(2 * MiB));
    const req = new Request(`${t.url}/api/v1/app/${appId}/msg`, {
      method: "POST",
      headers: { authorization: "Bearer test_org_token_0123456789abcdef", "content-type": "application/json", "content-length": "20" },
      body: new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(big);
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(req.headers.get("content-length")).toBe("20");
    const res = await t.core.handle(req);
    const text = await res.text();
    expectNoLeak(text);
    expect(res.status).toBe(413);
    expect(JSON.parse(text)).toEqual({ code: "payload_too_large", detail: "Request payload is too large." });
  });
});

describe("nothing half-written", () => {
  test("a message POST that fails validation leaves no message, destination or task", async () => {
    const before = await counts();
    const failures: Reply[] = [
      await post(`/api/v1/app/${appId}/msg`, { eventType: "x", payload: [1] }),
      await post(`/api/v1/app/${appId}/msg`, { payload: { a: 1 } }),
      await post(`/api/v1/app/${appId}/msg`, { eventType: "x", payload: {}, channels: ["a", "b", "c", "d", "e", "f"] }),
      await post(`/api/v1/app/${appId}/msg`, { eventType: "x", payload: {}, payloadRetentionPeriod: 0 }),
      await post(`/api/v1/app/${appId}/msg`, { eventType: "x", payload: {}, eventId: "msg_prefixed" }),
      await post(`/api/v1/app/${appId}/msg`, '{"eventType":"x","payload":{"a":1}'),
      await post(`/api/v1/app/${appId}/msg?with_content=maybe`, { eventType: "x", payload: {} }),
      // On-the-fly creation: neither the app nor the message may appear when the rest is invalid.
      await post("/api/v1/app/fresh-app/msg", { eventType: "x", payload: "no", application: { name: "Fresh", uid: "fresh-app" } }),
      await post("/api/v1/app/fresh-app/msg", { eventType: "x", payload: {}, application: { name: "Fresh", uid: "other" } }),
      await post("/api/v1/app/fresh-app/msg", { eventType: "x", payload: {}, application: { name: "Fresh" } }),
    ];
    for (const f of failures) expect(f.status, f.text).toBe(422);
    expect((await post(`/api/v1/app/${appId}/msg`, { eventType: "x", payload: {} }, { token: "wrong" })).status).toBe(401);
    const appToken = await t.core.mintAppToken(appId);
    expect((await post(`/api/v1/app/${appId}/msg`, { eventType: "x", payload: {} }, { token: appToken })).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  test("a duplicate eventId is a 409 and leaves exactly one message with one destination", async () => {
    const body = { eventType: "x", payload: { n: 1 }, eventId: "evt-dup-1" };
    const first = await post(`/api/v1/app/${appId}/msg`, body);
    expect(first.status, first.text).toBe(202);
    expectError(await post(`/api/v1/app/${appId}/msg`, { ...body, payload: { n: 2 } }), 409, "conflict");
    const [row] = await rows<{ m: number; d: number; t: number }>(
      t.database.db,
      sql`SELECT (SELECT count(*)::int FROM messages WHERE app_id = ${appId} AND event_id = 'evt-dup-1') AS m,
        (SELECT count(*)::int FROM message_destinations WHERE msg_id = ${(first.body as { id: string }).id}) AS d,
        (SELECT count(*)::int FROM delivery_tasks WHERE msg_id = ${(first.body as { id: string }).id}) AS t`,
    );
    expect(row).toEqual({ m: 1, d: 1, t: 1 });
  });

  test("racing duplicates: one 202, the rest 409, one message", async () => {
    const body = JSON.stringify({ eventType: "x", payload: {}, eventId: "evt-race-1" });
    const replies = await Promise.all(Array.from({ length: 8 }, () => post(`/api/v1/app/${appId}/msg`, body)));
    expect(replies.map((r) => r.status).sort()).toEqual([202, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of replies.filter((r) => r.status === 409)) expectError(r, 409, "conflict");
    const [row] = await rows<{ n: number; tasks: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n, (SELECT count(*)::int FROM delivery_tasks d JOIN messages m ON m.id = d.msg_id
        WHERE m.event_id = 'evt-race-1') AS tasks FROM messages WHERE event_id = 'evt-race-1'`,
    );
    expect(row).toEqual({ n: 1, tasks: 1 });
  });
});

test("every response matched the contract", () => {
  expect(t.violations).toEqual([]);
});
