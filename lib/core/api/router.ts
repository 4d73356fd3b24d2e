import { noteRequest } from "@/lib/request-log";
import type { CoreContext } from "../context";
import type { Principal } from "../tokens";
import { CoreError, invalid, notFound } from "./errors";
import { errorResponse, queryObject } from "./http";

export type RequestContext = {
  req: Request;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  principal: Principal;
  core: CoreContext;
};

type Handler = (ctx: RequestContext) => Promise<Response>;
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** `replayable: false`: answers carry credentials, so they are not kept for Idempotency-Key retries. */
export type Route = { method: Method; segments: string[]; handler: Handler; public?: boolean; replayable?: boolean };

/** `route("GET", "/app/{app_id}", h)`: paths are relative to /api/v1. */
export function route(method: Method, path: string, handler: Handler, opts: { public?: boolean; replayable?: boolean } = {}): Route {
  return { method, segments: path.split("/").filter(Boolean), handler, public: opts.public, replayable: opts.replayable };
}

const PREFIX = "/api/v1";

export function createRouter(routes: Route[]) {
  return async function handle(req: Request, core: CoreContext): Promise<Response> {
    const res = await dispatch(req, core);
    // Every answer is for one token's eyes, some carry secrets or tokens (an endpoint's secret,
    // app-portal-access): no browser or proxy cache keeps any of them.
    res.headers.set("cache-control", "no-store");
    return res;
  };

  async function dispatch(req: Request, core: CoreContext): Promise<Response> {
    try {
      const url = new URL(req.url);
      if (!url.pathname.startsWith(PREFIX)) throw notFound();
      const segments = url.pathname.slice(PREFIX.length).split("/").filter(Boolean).map(safeDecode);
      // Postgres text cannot hold U+0000, so no id or uid contains one: refuse before it reaches a query.
      if (segments.some((s) => s.includes("\0"))) throw notFound();
      const method = req.method === "HEAD" ? "GET" : req.method;
      let pathMatched = false;
      for (const r of routes) {
        const params = match(r.segments, segments);
        if (!params) continue;
        pathMatched = true;
        if (r.method !== method) continue;
        noteRequest(req, { route: PREFIX + "/" + r.segments.join("/"), ...(params.app_id && { appId: params.app_id }) });
        const principal: Principal = r.public ? { kind: "org" } : await core.tokens.authenticate(req.headers.get("authorization"));
        checkQuery(url.searchParams);
        const ctx = { req, params, query: queryObject(url.searchParams), principal, core };
        if (r.replayable === false) return await r.handler(ctx);
        // Errors become answers inside, so a retry with the same Idempotency-Key gets the same one.
        return await core.idempotency.run(req, url, () => r.handler(ctx).catch(errorResponse));
      }
      if (pathMatched) throw new CoreError(405, "method_not_allowed", "Method not allowed");
      throw notFound();
    } catch (err) {
      return errorResponse(err);
    }
  }
}

/** Query values reach SQL (iterators, filters); one with U+0000 would make Postgres fail the query. */
function checkQuery(params: URLSearchParams): void {
  for (const [key, value] of params) {
    if (key.includes("\0") || value.includes("\0")) {
      throw invalid(["query", key.replace(/\[\d*\]$/, "")], "may not contain NUL (\\u0000) characters");
    }
  }
}

function match(pattern: string[], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const s = segments[i]!;
    if (p.startsWith("{")) params[p.slice(1, -1)] = s;
    else if (p !== s) return null;
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
