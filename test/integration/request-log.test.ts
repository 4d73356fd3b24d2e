import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { PUT as putMember } from "@/app/api/admin/apps/[appId]/members/[email]/route";
import { GET as getSecret } from "@/app/api/portal/endpoints/[id]/secret/route";
import { GET as listEndpoints } from "@/app/api/portal/endpoints/route";
import { POST as refresh } from "@/app/api/portal/session/refresh/route";
import { GET as coreGet, POST as corePost } from "@/app/api/v1/[...path]/route";
import { captureLog } from "@/lib/log";
import { isRequestLogged, routePattern } from "@/lib/request-log";
import { ORG_TOKEN } from "../support/core-server";
import { startPortal, type TestPortal } from "../support/portal";

type Line = { level: number; msg: string; method?: string; route?: string; status?: number; ms?: number; appId?: string };

let p: TestPortal;
const lines: string[] = [];
let restoreLog: () => void;

beforeAll(async () => {
  p = await startPortal();
  restoreLog = captureLog({ write: (line) => lines.push(line) });
});

afterAll(async () => {
  restoreLog?.();
  await p?.close();
});

const requestLines = () => lines.map((l) => JSON.parse(l) as Line).filter((l) => l.msg === "request");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

test("every route handler under app/api writes a request line", async () => {
  const files = routeFiles("app/api");
  expect(files.length).toBeGreaterThan(30);
  const unlogged: string[] = [];
  for (const file of files) {
    const mod = (await import(`@/${file}`)) as Record<string, unknown>;
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      if (typeof mod[method] === "function" && !isRequestLogged(mod[method])) unlogged.push(`${file} ${method}`);
    }
  }
  expect(unlogged).toEqual([]);
});

test("route patterns replace each param's value, catch-alls as one run", () => {
  expect(routePattern("/api/portal/endpoints/ep_1/secret", { id: "ep_1" })).toBe("/api/portal/endpoints/[id]/secret");
  expect(routePattern("/api/admin/apps/demo/members/ada%40x.example", { appId: "demo", email: "ada@x.example" })).toBe(
    "/api/admin/apps/[appId]/members/[email]",
  );
  expect(routePattern("/api/v1/app/a/msg", { path: ["app", "a", "msg"] })).toBe("/api/v1/[...path]");
  expect(routePattern("/api/auth/callback/email", { nextauth: ["callback", "email"] })).toBe("/api/auth/[...nextauth]");
  expect(routePattern("/api/portal/endpoints", {})).toBe("/api/portal/endpoints");
});

test("one line per request with method, pattern, status, duration and app id — and no credential or query value", async () => {
  const app = await p.svix.application.create({ name: "Logged", uid: "logged" });
  const ep = await p.svix.endpoint.create(app.id, { url: "https://example.com/logged" });
  const { key: secret } = await p.svix.endpoint.getSecret(app.id, ep.id);
  const { accessToken, refreshCookie } = await p.session(app.id, { capabilities: ["ViewBase", "ViewEndpointSecret"] });
  const ticketLine = requestLines().find((l) => l.route === "/api/portal/session/exchange");
  expect(ticketLine).toMatchObject({ method: "POST", status: 200, appId: app.id });
  expect(requestLines().find((l) => l.route === "/api/v1/auth/app-portal-access/[appId]")).toMatchObject({ method: "POST", status: 200, appId: app.id });

  const calls: { run: () => Promise<Response>; expected: Partial<Line> }[] = [
    {
      run: () => p.call(getSecret, { path: `/api/portal/endpoints/${ep.id}/secret`, params: { id: ep.id }, token: accessToken }),
      expected: { method: "GET", route: "/api/portal/endpoints/[id]/secret", status: 200, appId: app.id },
    },
    {
      run: () => p.call(listEndpoints, { path: "/api/portal/endpoints?iterator=query-value-never-logged", token: accessToken }),
      expected: { method: "GET", route: "/api/portal/endpoints", appId: app.id },
    },
    {
      run: () => p.call(listEndpoints, { path: "/api/portal/endpoints", token: "not-a-session-token-never-logged" }),
      expected: { method: "GET", route: "/api/portal/endpoints", status: 401 },
    },
    {
      run: () =>
        p.call(refresh, {
          method: "POST",
          path: "/api/portal/session/refresh",
          headers: p.refreshHeaders(app.id, refreshCookie),
          body: { appId: app.id },
        }),
      expected: { method: "POST", route: "/api/portal/session/refresh", status: 200, appId: app.id },
    },
    {
      run: () =>
        p.call(corePost, {
          method: "POST",
          path: "/api/v1/app/logged/msg",
          params: { path: ["app", "logged", "msg"] },
          token: ORG_TOKEN,
          body: { eventType: "invoice.paid", payload: { n: 1 } },
        }),
      expected: { method: "POST", route: "/api/v1/app/{app_id}/msg", status: 202, appId: "logged" },
    },
    {
      run: () => p.call(coreGet, { path: "/api/v1/nowhere?token=query-value-never-logged", params: { path: ["nowhere"] }, token: ORG_TOKEN }),
      expected: { method: "GET", route: "/api/v1/[...path]", status: 404 },
    },
    {
      // withOrgApp inside withOrgToken: still one line.
      run: () =>
        p.call(putMember, {
          method: "PUT",
          path: `/api/admin/apps/logged/members/${encodeURIComponent("ada@member.example")}`,
          params: { appId: "logged", email: "ada@member.example" },
          token: ORG_TOKEN,
          body: {},
        }),
      expected: { method: "PUT", route: "/api/admin/apps/[appId]/members/[email]", status: 201, appId: app.id },
    },
  ];
  for (const { run, expected } of calls) {
    const before = requestLines().length;
    await (await run()).text();
    const added = requestLines().slice(before);
    expect(added, JSON.stringify(expected)).toHaveLength(1);
    expect(added[0]).toMatchObject(expected);
    expect(added[0]!.ms).toBeGreaterThanOrEqual(0);
  }

  // No credential anywhere in the log; no parameter or query value in a request line (other lines
  // may name ids: the dispatcher's "delivery failed" for this app's endpoint carries its endpointId).
  const text = lines.join("");
  for (const never of [ORG_TOKEN, accessToken, refreshCookie, secret, "never-logged"]) {
    expect(text).not.toContain(never);
  }
  const requestText = JSON.stringify(requestLines());
  for (const never of ["never-logged", "ada@member.example", ep.id, "?"]) {
    expect(requestText).not.toContain(never);
  }
});
