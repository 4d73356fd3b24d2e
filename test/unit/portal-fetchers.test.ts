import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiError } from "@/lib/http/api-error";
import { portalRoutes } from "@/lib/portal-api/routes";
import { createPortalApi } from "@/lib/queries/fetchers";
import { queryKeys } from "@/lib/queries/keys";
import { createSessionClient } from "@/lib/session/client";

/** A real server that answers every request with what it received, so the test sees the wire. */
type Seen = { method: string; url: string; body: unknown };
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (body.includes("missing")) {
        res.writeHead(422, { "content-type": "application/json" });
        return res.end(JSON.stringify({ error: { code: "invalid", message: "Some fields are not valid.", issues: [{ path: "rateLimit", message: "too big" }] } }));
      }
      if (req.method === "DELETE") {
        res.writeHead(204);
        return res.end();
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ method: req.method ?? "", url: req.url ?? "", body: body ? (JSON.parse(body) as unknown) : null } satisfies Seen));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const api = () => createPortalApi(createSessionClient({ baseUrl: url }));
// The server echoes the request; the fetcher's static type is the route's, so look at it as what came back.
const seen = (v: unknown) => v as Seen;

test("each fetcher calls its route's method and path, params encoded, queries written as the schemas read them", async () => {
  const before = new Date("2026-01-31T12:00:00.000Z");
  const list = seen(await api().listMessages({ query: { eventTypes: ["invoice.paid", "user.created"], before, limit: 20, endpoint: undefined } }));
  expect(list).toEqual({ method: "GET", url: "/api/portal/messages?eventTypes=invoice.paid%2Cuser.created&before=2026-01-31T12%3A00%3A00.000Z&limit=20", body: null });
  // The query parses back with the route's own schema to what was passed in.
  const parsed = portalRoutes.listMessages.query.parse(Object.fromEntries(new URL(list.url, url).searchParams));
  expect(parsed).toMatchObject({ eventTypes: ["invoice.paid", "user.created"], before, limit: 20 });

  expect(seen(await api().getEndpoint({ params: { id: "a b/c" } }))).toMatchObject({ method: "GET", url: "/api/portal/endpoints/a%20b%2Fc" });
  expect(seen(await api().updateEndpoint({ params: { id: "ep_1" }, body: { rateLimit: null } }))).toEqual({
    method: "PATCH",
    url: "/api/portal/endpoints/ep_1",
    body: { rateLimit: null },
  });
  const since = new Date("2026-01-30T00:00:00.000Z").toISOString();
  expect(seen(await api().replayMissing({ params: { id: "ep_1" }, body: { since } }))).toEqual({ method: "POST", url: "/api/portal/endpoints/ep_1/replay-missing", body: { since } });
  // 204 routes resolve to nothing, whatever the server sent.
  expect(await api().rotateEndpointSecret({ params: { id: "ep_1" } })).toBeUndefined();
  expect(await api().deleteEndpoint({ params: { id: "ep_1" } })).toBeUndefined();
});

test("a refusal is an ApiError with the BFF's code and field issues", async () => {
  const err = await api()
    .createEndpoint({ body: { url: "https://missing.example" } })
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect(err).toMatchObject({ status: 422, code: "invalid", issues: [{ path: "rateLimit", message: "too big" }] });
});

test("the compiler holds fetchers to the table", () => {
  const a = createPortalApi(createSessionClient({ baseUrl: url }));
  // Typed from the table: these are compile errors, and `npm run typecheck` covers this file.
  // @ts-expect-error a recover count needs its window
  void (() => a.countRecoverable({ params: { id: "ep_1" } }));
  // @ts-expect-error limit is a number
  void (() => a.listMessages({ query: { limit: "x" } }));
  // @ts-expect-error an endpoint has no `throttleRate`: the portal says rateLimit
  void (() => a.createEndpoint({ body: { url: "https://x.example", throttleRate: 5 } }));
  // @ts-expect-error the result is the route's
  void (async (): Promise<number> => (await a.getEndpoint({ params: { id: "x" } })).url);
  expect(Object.keys(a).sort()).toEqual(Object.keys(portalRoutes).sort());
});

test("query keys nest, so invalidating an endpoint drops everything about it", () => {
  const detail = queryKeys.endpoints.detail("ep_1");
  for (const key of [queryKeys.endpoints.headers("ep_1"), queryKeys.endpoints.attempts("ep_1", { status: "fail" }), queryKeys.endpoints.stats("ep_1")]) {
    expect(key.slice(0, detail.length)).toEqual([...detail]);
  }
  expect(queryKeys.endpoints.list().slice(0, 1)).toEqual([...queryKeys.endpoints.all]);
});
