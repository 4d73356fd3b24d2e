import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { ApiError } from "@/lib/http/api-error";
import { createSessionClient, type SessionClient, type SessionState } from "@/lib/session/client";

/**
 * A real HTTP server on 127.0.0.1 standing in for the BFF's session routes and one data route:
 * it decides which access token is current, so a test can expire it, refuse the refresh, or
 * hold the refresh open until every concurrent 401 has arrived.
 */
const TICKET = "ticket-0123456789abcdefghij";
const server = {
  current: "",
  issued: 0,
  refreshes: 0,
  refuseRefresh: false,
  unauthorized: 0,
  requests: [] as string[],
  /** While set, a refresh waits until this many 401s have been sent. */
  holdRefreshUntil: 0,
};
let httpServer: http.Server;
let url: string;

function grant(res: http.ServerResponse): void {
  server.current = `token-${++server.issued}`;
  const session = { id: "ps_1", appId: "app_1", capabilities: ["ViewBase"], expiresAt: new Date(Date.now() + 3_600_000).toISOString(), actorEmail: null, source: "embed", allowedOrigins: [], branding: {} };
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ accessToken: server.current, accessTokenExpiresAt: new Date(Date.now() + 900_000).toISOString(), session }));
}

function refuse(res: http.ServerResponse, status: number, code: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { code, message: `refused: ${code}` } }));
}

const waitFor = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
};

beforeAll(async () => {
  httpServer = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", async () => {
      server.requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? "-"} ${req.headers["x-porthole-request"] ?? "-"}`);
      if (req.url === "/api/portal/session/exchange") {
        const sent = JSON.parse(body) as { ticket?: string; appId?: string };
        if (sent.ticket !== TICKET) return refuse(res, 401, "unauthorized");
        // The page's app must be the ticket's: the BFF refuses another one unspent.
        return sent.appId === "app_1" ? grant(res) : refuse(res, 403, "forbidden");
      }
      if (req.url === "/api/portal/session/refresh") {
        // Each app has its own refresh cookie; the client names the one to use.
        if ((JSON.parse(body || "{}") as { appId?: string }).appId !== "app_1") return refuse(res, 422, "invalid");
        server.refreshes++;
        await waitFor(() => server.unauthorized >= server.holdRefreshUntil);
        return server.refuseRefresh ? refuse(res, 401, "unauthorized") : grant(res);
      }
      if (req.url?.startsWith("/api/portal/endpoints")) {
        if (req.headers.authorization !== `Bearer ${server.current}`) {
          server.unauthorized++;
          return refuse(res, 401, "unauthorized");
        }
        if (req.url.includes("forbidden")) return refuse(res, 403, "forbidden");
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ ok: true, token: server.current }));
      }
      refuse(res, 404, "not_found");
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => httpServer.close(() => resolve())));

let client: SessionClient;
let states: SessionState["kind"][];
async function connected(): Promise<SessionClient> {
  Object.assign(server, { current: "", issued: 0, refreshes: 0, refuseRefresh: false, unauthorized: 0, requests: [], holdRefreshUntil: 0 });
  client = createSessionClient({ baseUrl: url, appId: "app_1" });
  states = [];
  client.subscribe((s) => states.push(s.kind));
  await client.exchange(TICKET);
  return client;
}
afterEach(() => client?.close());

const get = async (c: SessionClient, path = "/api/portal/endpoints") => {
  const res = await c.send(path);
  return { status: res.status, body: (await res.json()) as { token?: string } };
};

test("the ticket buys an access token kept in memory and sent as a bearer, with the CSRF header", async () => {
  const c = await connected();
  expect(c.state()).toMatchObject({ kind: "ready", session: { appId: "app_1" } });
  expect(await get(c)).toEqual({ status: 200, body: { ok: true, token: "token-1" } });
  expect(server.requests.at(-1)).toBe("GET /api/portal/endpoints Bearer token-1 1");
});

test("a 401 refreshes once through the refresh route and retries with the new token", async () => {
  const c = await connected();
  server.current = "rotated-elsewhere";
  expect(await get(c)).toEqual({ status: 200, body: { ok: true, token: "token-2" } });
  expect(server.refreshes).toBe(1);
  expect(states).toEqual(["ready", "ready"]);
});

test("concurrent 401s share one refresh", async () => {
  const c = await connected();
  server.current = "rotated-elsewhere";
  server.holdRefreshUntil = 5;
  const results = await Promise.all(Array.from({ length: 5 }, () => get(c)));
  expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  expect(new Set(results.map((r) => r.body.token))).toEqual(new Set(["token-2"]));
  expect(server.refreshes).toBe(1);
});

test("only a refused refresh ends the session; after that no call reaches the server", async () => {
  const c = await connected();
  server.current = "revoked";
  server.refuseRefresh = true;
  const err = await c.send("/api/portal/endpoints").catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect(err).toMatchObject({ status: 401, code: "unauthorized" });
  expect(c.state()).toEqual({ kind: "ended" });
  expect(states.at(-1)).toBe("ended");
  const before = server.requests.length;
  await expect(c.send("/api/portal/endpoints")).rejects.toMatchObject({ code: "unauthorized" });
  expect(server.requests.length).toBe(before);
});

test("other refusals pass through untouched: no refresh for a 403", async () => {
  const c = await connected();
  expect((await c.send("/api/portal/endpoints/forbidden")).status).toBe(403);
  expect(server.refreshes).toBe(0);
  expect(c.state().kind).toBe("ready");
});

test("a network failure is a typed offline error, and does not end the session", async () => {
  const c = await connected();
  const gone = createSessionClient({ baseUrl: "http://127.0.0.1:1", appId: "app_1" });
  const err = await gone.send("/api/portal/endpoints").catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect(err).toMatchObject({ status: 0, code: "offline" });
  await expect(gone.refresh()).rejects.toMatchObject({ code: "offline" });
  expect(gone.state().kind).toBe("connecting");
  gone.close();
  expect(c.state().kind).toBe("ready");
});

test("the exchange and the refresh name the page's app; a link for another app is refused and ends nothing", async () => {
  const other = createSessionClient({ baseUrl: url, appId: "app_2" });
  await expect(other.exchange(TICKET)).rejects.toMatchObject({ status: 403, code: "forbidden" });
  expect(other.state().kind).toBe("connecting");
  other.close();
  const c = await connected();
  await c.refresh();
  expect(server.refreshes).toBe(1);
  expect(c.state().kind).toBe("ready");
});

test("a spent ticket is refused without ending anything; routes that open sessions never refresh", async () => {
  const c = createSessionClient({ baseUrl: url, appId: "app_1" });
  server.refreshes = 0;
  await expect(c.exchange("spent-ticket-0123456789abc")).rejects.toMatchObject({ status: 401, code: "unauthorized" });
  expect((await c.send("/api/portal/endpoints", {}, { renew: false })).status).toBe(401);
  expect(server.refreshes).toBe(0);
  expect(c.state().kind).toBe("connecting");
  c.close();
});
