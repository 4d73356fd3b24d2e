import { Svix } from "svix";
import { createCore, type Core } from "@/lib/core";
import type { Database } from "@/lib/db/client";
import { installRuntime, type CoreLink, type Runtime } from "@/lib/runtime";
import { refreshCookieName } from "@/lib/session/cookies";
import { LOOPBACK, ORG_TOKEN, startCore, type TestCore } from "./core-server";
import { testDatabase } from "./database";

export const PORTAL_URL = "http://localhost:3000";
export const PORTAL_ORIGIN = new URL(PORTAL_URL).origin;

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export type TestPortal = {
  rt: Runtime;
  database: Database;
  /** The org's SDK client against the core the portal uses (embedded or external). */
  svix: Svix;
  mode: CoreLink["mode"];
  /** Calls a route handler the way Next.js does. */
  call<P>(handler: Handler<P>, init: { method?: string; path?: string; params?: P; token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** A portal session for `appId` through the real app-portal-access + ticket exchange. */
  session(appId: string, access?: Record<string, unknown>): Promise<{ accessToken: string; refreshCookie: string; body: SessionBody; coreToken: string }>;
  /** The Cookie and CSRF headers a reload inside the app's iframe sends to the refresh route. */
  refreshHeaders(appId: string, refreshCookie: string): Record<string, string>;
  close(): Promise<void>;
};

export type SessionBody = {
  accessToken: string;
  session: { id: string; appId: string; capabilities: string[]; branding: Record<string, unknown>; expiresAt: string };
};

/**
 * The portal's route handlers with a real database and a real core: embedded (in-process, the
 * default) or external (`external: true`: a second core served over HTTP, reached as CORE_API_URL).
 * `dispatch: false` keeps the embedded core from delivering what a test sends.
 */
export async function startPortal(opts: { external?: boolean; dispatch?: boolean } = {}): Promise<TestPortal> {
  const database = await testDatabase();
  let core: Core | undefined;
  let remote: TestCore | undefined;
  let coreLink: CoreLink;
  if (opts.external) {
    remote = await startCore({ allowlist: LOOPBACK });
    coreLink = { mode: "external", serverUrl: remote.url, orgToken: ORG_TOKEN };
  } else {
    core = createCore({
      database,
      orgToken: ORG_TOKEN,
      secret: "portal-test-secret-portal-test-secret-0123",
      portalUrl: PORTAL_URL,
      allowlist: LOOPBACK,
      retryScheduleMs: [100, 200, 400],
      headerStyle: "webhook",
      dispatch: opts.dispatch ?? true,
      concurrency: 16,
      pollMs: 50,
    });
    coreLink = { mode: "embedded", serverUrl: PORTAL_URL, handle: core.handle, orgToken: ORG_TOKEN };
  }
  const rt: Runtime = {
    database,
    core,
    coreLink,
    portalUrl: PORTAL_URL,
    secret: "portal-test-secret-portal-test-secret-0123",
    embedAllowedOrigins: [],
  };
  installRuntime(rt);
  const svix =
    coreLink.mode === "embedded"
      ? new Svix(ORG_TOKEN, { serverUrl: PORTAL_URL, fetch: ((i, init) => coreLink.handle(new Request(i, init))) as typeof fetch })
      : remote!.svix;

  const portal: TestPortal = {
    rt,
    database,
    svix,
    mode: coreLink.mode,
    async call(handler, init) {
      const headers = new Headers(init.headers);
      if (init.token) headers.set("authorization", `Bearer ${init.token}`);
      if (init.body !== undefined) headers.set("content-type", "application/json");
      const req = new Request(PORTAL_URL + (init.path ?? "/api/portal/test"), {
        method: init.method ?? "GET",
        headers,
        body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
      });
      return handler(req, { params: Promise.resolve((init.params ?? {}) as never) });
    },
    async session(appId, access = {}) {
      const { POST: mint } = await import("@/app/api/v1/auth/app-portal-access/[appId]/route");
      const { POST: exchange } = await import("@/app/api/portal/session/exchange/route");
      const linkRes = await portal.call(mint, {
        method: "POST",
        path: `/api/v1/auth/app-portal-access/${encodeURIComponent(appId)}`,
        params: { appId },
        token: ORG_TOKEN,
        body: access,
      });
      if (linkRes.status !== 200) throw new Error(`app-portal-access: ${linkRes.status} ${await linkRes.text()}`);
      const { url, token: coreToken } = (await linkRes.json()) as { url: string; token: string };
      const { pathname, hash } = new URL(url);
      const pageApp = pathname.split("/").pop()!;
      const ticket = hash.replace(/^#ticket=/, "");
      const res = await portal.call(exchange, { method: "POST", path: "/api/portal/session/exchange", body: { ticket, appId: pageApp } });
      if (res.status !== 200) throw new Error(`exchange: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as SessionBody;
      const refreshCookie = new RegExp(`${refreshCookieName(pageApp)}=([^;]+)`).exec(res.headers.get("set-cookie") ?? "")?.[1] ?? "";
      return { accessToken: body.accessToken, refreshCookie, body, coreToken };
    },
    refreshHeaders: (appId, refreshCookie) => ({ cookie: `${refreshCookieName(appId)}=${refreshCookie}`, origin: PORTAL_ORIGIN, "x-porthole-request": "1" }),
    async close() {
      await core?.close();
      await remote?.close();
      await database.close();
    },
  };
  return portal;
}
