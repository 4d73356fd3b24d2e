/**
 * No route buffers a body it would refuse: a declared Content-Length over the cap is answered
 * before a byte is read, a chunked body is cut off once it passes the cap, and app-portal-access
 * knows its caller before it reads anything. The bodies here are streams that count what the
 * server pulled and, when told to, stall after a few chunks: a route that waits for the whole
 * body never answers them.
 */
import { ApiException } from "svix";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PUT as putBranding } from "@/app/api/admin/branding/route";
import { POST as createEndpoint } from "@/app/api/portal/endpoints/route";
import { POST as exchange } from "@/app/api/portal/session/exchange/route";
import { POST as appPortalAccess } from "@/app/api/v1/auth/app-portal-access/[appId]/route";
import { ORG_TOKEN } from "../support/core-server";
import { PORTAL_URL, startPortal, type TestPortal } from "../support/portal";

const CHUNK = 16 * 1024;
const MB = 1024 * 1024;

/** A request body made on demand: `pulled` bytes so far, `cancelled` once the server let go. */
type Probe = { stream: ReadableStream<Uint8Array>; pulled: () => number; cancelled: () => boolean };

/** `total` bytes in 16 KiB chunks; with `stallAfter`, no chunk after that many bytes, ever. */
function probe(total: number, stallAfter = Infinity): Probe {
  let pulled = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (pulled >= stallAfter) return new Promise<void>(() => {});
        if (pulled >= total) return c.close();
        const n = Math.min(CHUNK, total - pulled);
        pulled += n;
        c.enqueue(new Uint8Array(n).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled, cancelled: () => cancelled };
}

function request(path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>): Request {
  return new Request(PORTAL_URL + path, {
    method: path.includes("branding") ? "PUT" : "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
}

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;
const call = (handler: unknown, req: Request, params: Record<string, string> = {}) =>
  (handler as Handler)(req, { params: Promise.resolve(params as never) });

let p: TestPortal;
let appId: string;
let sessionToken: string;

beforeAll(async () => {
  p = await startPortal();
  appId = (await p.svix.application.create({ name: "Bounded" })).id;
  sessionToken = (await p.session(appId)).accessToken;
});
afterAll(async () => {
  await p?.close();
});

describe("app-portal-access", () => {
  const path = () => `/api/v1/auth/app-portal-access/${appId}`;

  test("a declared 50 MB body is refused with 413 before any of it is read, whatever the bearer", async () => {
    for (const bearer of ["x", ORG_TOKEN]) {
      const body = probe(50 * MB, CHUNK);
      const res = await call(appPortalAccess, request(path(), body.stream, { authorization: `Bearer ${bearer}`, "content-length": String(50 * MB) }), { appId });
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ code: "payload_too_large", detail: expect.any(String) });
      expect(body.pulled()).toBe(0);
    }
  });

  test("an unknown bearer is refused with 401 before its (chunked) body is read", async () => {
    const body = probe(50 * MB, CHUNK);
    const res = await call(appPortalAccess, request(path(), body.stream, { authorization: "Bearer not-a-token" }), { appId });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: "authentication_failed", detail: expect.any(String) });
    expect(body.pulled()).toBe(0);
  });

  test("a bearer no token could be is refused with 401 before its body is read", async () => {
    const body = probe(50 * MB, CHUNK);
    const res = await call(appPortalAccess, request(path(), body.stream, { authorization: `Bearer ${"a".repeat(5000)}` }), { appId });
    expect(res.status).toBe(401);
    expect(body.pulled()).toBe(0);
  });

  test("a chunked body from the org is cut off with 413 as soon as it passes 64 KiB", async () => {
    const body = probe(10 * MB);
    const res = await call(appPortalAccess, request(path(), body.stream, { authorization: `Bearer ${ORG_TOKEN}` }), { appId });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe("payload_too_large");
    expect(body.pulled()).toBeLessThanOrEqual(64 * 1024 + CHUNK);
    expect(body.cancelled()).toBe(true);
  });
});

describe("the portal API (BFF) and the admin API", () => {
  const portalTooLarge = async (res: Response) => {
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  };

  test("a session route refuses a declared 50 MB body unread and cuts a chunked one off", async () => {
    const declared = probe(50 * MB, CHUNK);
    await portalTooLarge(
      await call(createEndpoint, request("/api/portal/endpoints", declared.stream, { authorization: `Bearer ${sessionToken}`, "content-length": String(50 * MB) })),
    );
    expect(declared.pulled()).toBe(0);

    const chunked = probe(10 * MB);
    await portalTooLarge(await call(createEndpoint, request("/api/portal/endpoints", chunked.stream, { authorization: `Bearer ${sessionToken}` })));
    expect(chunked.pulled()).toBeLessThanOrEqual(256 * 1024 + CHUNK);
    expect(chunked.cancelled()).toBe(true);
    expect((await p.svix.endpoint.list(appId)).data).toEqual([]);
  });

  test("the session routes with no session yet (ticket exchange) do the same", async () => {
    const declared = probe(50 * MB, CHUNK);
    await portalTooLarge(await call(exchange, request("/api/portal/session/exchange", declared.stream, { "content-length": String(50 * MB) })));
    expect(declared.pulled()).toBe(0);

    const chunked = probe(10 * MB);
    await portalTooLarge(await call(exchange, request("/api/portal/session/exchange", chunked.stream, {})));
    expect(chunked.pulled()).toBeLessThanOrEqual(4096 + CHUNK);
    expect(chunked.cancelled()).toBe(true);
  });

  test("an admin route refuses a declared 50 MB body unread and cuts a chunked one off", async () => {
    const declared = probe(50 * MB, CHUNK);
    await portalTooLarge(await call(putBranding, request("/api/admin/branding", declared.stream, { authorization: `Bearer ${ORG_TOKEN}`, "content-length": String(50 * MB) })));
    expect(declared.pulled()).toBe(0);

    const chunked = probe(10 * MB);
    await portalTooLarge(await call(putBranding, request("/api/admin/branding", chunked.stream, { authorization: `Bearer ${ORG_TOKEN}` })));
    expect(chunked.pulled()).toBeLessThanOrEqual(32 * 1024 + CHUNK);
    expect(chunked.cancelled()).toBe(true);
  });
});

describe("the core's custom headers", () => {
  const many = (n: number, size = 8) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x-h-${i}`, "v".repeat(size)]));

  async function expect422(promise: Promise<unknown>): Promise<void> {
    const err = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiException);
    const e = err as ApiException<{ detail: { loc: string[] }[] }>;
    expect(e.code).toBe(422);
    expect(e.body.detail.some((d) => d.loc.join(".") === "body.headers")).toBe(true);
  }

  test("300 headers or 1 MB of them are refused with 422 on body.headers, and the endpoint keeps its own", async () => {
    await expect422(p.svix.endpoint.create(appId, { url: "http://127.0.0.1:9/hook", headers: many(300) }));
    await expect422(p.svix.endpoint.create(appId, { url: "http://127.0.0.1:9/hook", headers: many(240, 4096) }));
    expect((await p.svix.endpoint.list(appId)).data).toEqual([]);

    const ep = await p.svix.endpoint.create(appId, { url: "http://127.0.0.1:9/hook", headers: { "x-kept": "yes" } });
    await expect422(p.svix.endpoint.updateHeaders(appId, ep.id, { headers: many(300) }));
    await expect422(p.svix.endpoint.updateHeaders(appId, ep.id, { headers: many(240, 4096) }));
    // Each patch is small; the set it would leave is not.
    await p.svix.endpoint.patchHeaders(appId, ep.id, { headers: many(1, 4000) });
    await expect422(p.svix.endpoint.patchHeaders(appId, ep.id, { headers: { "x-more-1": "v".repeat(4000), "x-more-2": "v".repeat(4000) } }));
    expect((await p.svix.endpoint.getHeaders(appId, ep.id)).headers).toEqual({ "x-kept": "yes", ...many(1, 4000) });

    // Up to the limits is fine.
    await p.svix.endpoint.updateHeaders(appId, ep.id, { headers: many(100) });
    expect(Object.keys((await p.svix.endpoint.getHeaders(appId, ep.id)).headers)).toHaveLength(100);
  });
});
