import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POST as appPortalAccess } from "@/app/api/v1/auth/app-portal-access/[appId]/route";
import { captureLog } from "@/lib/log";
import { installRuntime } from "@/lib/runtime";
import { ADMIN_ROUTES } from "../support/admin-routes";
import { endpointRoutes, routePath } from "../support/bff-routes-endpoints";
import { callRoute, messageRoutes, type Target } from "../support/bff-routes-messages";
import { ORG_TOKEN } from "../support/core-server";
import { startPortal, type TestPortal } from "../support/portal";

/**
 * CORE_API_URL pointing at a core that gives no usable answer: every route that needs the core
 * answers 502 in the portal's error shape, and the log says why — host:port and the error — once
 * per request. The cores here are real: a closed port, and servers on 127.0.0.1 that answer 503,
 * answer garbage, or hang up.
 */
type BadCore = { name: string; url: string; error: RegExp; close(): Promise<void> };

let p: TestPortal;
let target: Target;
const ALL = ["ViewBase", "ViewEndpointSecret", "ManageEndpointSecret", "ManageEndpoint", "CreateAttempts"];
let token: string;
const lines: string[] = [];
let restoreLog: () => void;

beforeAll(async () => {
  p = await startPortal({ external: true });
  const app = await p.svix.application.create({ name: "Unreachable" });
  await p.svix.eventType.create({ name: "invoice.paid", description: "paid" }).catch(() => undefined);
  const ep = await p.svix.endpoint.create(app.id, { url: "https://example.com/hook" });
  const msg = await p.svix.message.create(app.id, { eventType: "invoice.paid", eventId: "evt_unreachable_1", payload: { a: 1 } });
  target = { messageId: msg.id, eventId: "evt_unreachable_1", endpointId: ep.id };
  token = (await p.session(app.id, { capabilities: ALL })).accessToken;
  restoreLog = captureLog({ write: (line) => lines.push(line) });
});

afterAll(async () => {
  restoreLog?.();
  await p?.close();
});

async function closedPort(): Promise<BadCore> {
  const srv = http.createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return { name: "a closed port", url: `http://127.0.0.1:${port}`, error: /^ECONNREFUSED$/, close: async () => {} };
}

async function serving(name: string, error: RegExp, answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<BadCore> {
  const srv = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => answer(req, res));
  });
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address() as AddressInfo;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    error,
    close: async () => {
      srv.closeAllConnections();
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    },
  };
}

const badCores: { name: string; make: () => Promise<BadCore> }[] = [
  { name: "a closed port", make: closedPort },
  {
    name: "a server answering 503",
    make: () =>
      serving("a server answering 503", /^HTTP 503$/, (_req, res) => {
      res.writeHead(503, { "content-type": "application/json" }).end('{"code":"unavailable","detail":"down for maintenance"}');
      }),
  },
  {
    name: "a server answering garbage",
    make: () =>
      serving("a server answering garbage", /not JSON/, (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" }).end("<html>captive portal</html>");
      }),
  },
  {
    name: "a server that hangs up",
    make: () =>
      serving("a server that hangs up", /^(UND_ERR_SOCKET|ECONNRESET)$/, (req) => {
      req.socket.destroy();
    }),
  },
];

type Logged = { level: number; msg: string; core?: string; error?: string; status?: number; route?: string; [k: string]: unknown };

/** Runs one request with the log emptied first, and returns what it logged. */
async function logged(run: () => Promise<Response>): Promise<{ res: Response; body: unknown; lines: Logged[] }> {
  lines.length = 0;
  const res = await run();
  const text = await res.text();
  return { res, body: text ? JSON.parse(text) : null, lines: lines.map((l) => JSON.parse(l) as Logged) };
}

test("a core that takes the request and never answers: 502 once the timeout passes, logged once", async () => {
  const core = await serving("a server that never answers", /TimeoutError/, () => {});
  try {
    installRuntime({ ...p.rt, coreLink: { ...p.rt.coreLink, serverUrl: core.url } });
    const list = endpointRoutes.find((r) => r.name === "listEndpoints")!;
    const out = await logged(() => p.call(list.handler, { path: "/api/portal/endpoints", token }));
    expect(out.res.status).toBe(502);
    expect((out.body as { error: { code: string } }).error.code).toBe("core_unavailable");
    const why = out.lines.filter((l) => l.msg === "portal: core_unavailable");
    expect(why).toHaveLength(1);
    expect(why[0]).toMatchObject({ core: new URL(core.url).host, error: "TimeoutError" });
  } finally {
    await core.close();
  }
}, 30_000);

describe.each(badCores)("CORE_API_URL at $name", ({ make }) => {
  let core: BadCore;
  let hostPort: string;

  beforeAll(async () => {
    core = await make();
    hostPort = new URL(core.url).host;
    // The same portal (database, sessions) with its core link pointed at the bad core.
    installRuntime({ ...p.rt, coreLink: { ...p.rt.coreLink, serverUrl: core.url } });
  });
  afterAll(() => core.close());

  function expectUnavailable(out: { res: Response; body: unknown; lines: Logged[] }, where: string) {
    expect(out.res.status, where).toBe(502);
    const body = out.body as { error: { code: string; message: string } };
    expect(body.error.code, where).toBe("core_unavailable");
    expect(body.error.message, where).toBe("The delivery service is unavailable. Try again shortly.");
    const why = out.lines.filter((l) => l.msg === "portal: core_unavailable");
    expect(why, where).toHaveLength(1);
    expect(why[0]).toMatchObject({ core: hostPort, status: 502 });
    expect(why[0]!.error, where).toMatch(core.error);
  }

  test("every endpoint route answers 502 and logs why once", async () => {
    for (const route of endpointRoutes) {
      const out = await logged(() =>
        p.call(route.handler, { method: route.method, path: routePath(route, target.endpointId), params: route.params(target.endpointId), token, body: route.body }),
      );
      expectUnavailable(out, `${core.name}: ${route.name}`);
    }
  });

  test("every message route answers 502 and logs why once", async () => {
    for (const route of messageRoutes) {
      const out = await logged(() => callRoute(p, route, target, token));
      expectUnavailable(out, `${core.name}: ${route.name}`);
    }
  });

  test("the admin API answers 502 and logs why once", async () => {
    for (const route of ADMIN_ROUTES) {
      const out = await logged(() =>
        p.call(route.handler, { method: route.method, path: route.path("app_x"), params: route.params("app_x") as never, token: ORG_TOKEN, body: route.body }),
      );
      expectUnavailable(out, `${core.name}: ${route.name}`);
    }
  });

  test("app-portal-access answers 502 in Svix's error shape and logs why once", async () => {
    const out = await logged(() => p.call(appPortalAccess, { method: "POST", params: { appId: "app_x" }, token: ORG_TOKEN, body: {} }));
    expect(out.res.status).toBe(502);
    expect(out.body).toEqual({ code: "core_unavailable", detail: "The delivery service is unavailable. Try again shortly." });
    const why = out.lines.filter((l) => l.msg === "app-portal-access: core_unavailable");
    expect(why).toHaveLength(1);
    expect(why[0]).toMatchObject({ core: hostPort, status: 502 });
    expect(why[0]!.error).toMatch(core.error);
  });
});
