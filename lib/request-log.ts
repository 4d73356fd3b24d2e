import { log } from "@/lib/log";

/** What the handler learns about a request that its log line should carry. */
export type RequestNote = { route?: string; appId?: string };

type State = { notes: WeakMap<Request, RequestNote>; wrapped: WeakSet<object>; logging: WeakSet<Request> };
const g = globalThis as typeof globalThis & { __portholeRequestLog?: State };
/**
 * One state per process: Next.js bundles the instrumentation (which boots the core, whose router
 * notes the route) apart from the route handlers (which write the line), each with its own copy
 * of this module.
 */
const { notes, wrapped, logging } = (g.__portholeRequestLog ??= { notes: new WeakMap(), wrapped: new WeakSet(), logging: new WeakSet() });

/** Called by the code that knows: the session's application, the core's matched route. */
export function noteRequest(req: Request, note: RequestNote): void {
  const prev = notes.get(req);
  notes.set(req, prev ? { ...prev, ...note } : note);
}

type Handler<R extends Request, C> = (req: R, ctx: C) => Promise<Response>;

/**
 * One log line per request: method, route pattern, status, duration, application. Never the
 * query string, headers or body — they carry tokens, tickets and cookies — and the route is the
 * pattern (`/api/portal/endpoints/[id]`), so no path value reaches the log either.
 */
export function withRequestLog<R extends Request, C>(handler: Handler<R, C>): Handler<R, C> {
  const logged: Handler<R, C> = async (req, ctx) => {
    // Nested wrappers (withOrgApp inside withOrgToken, say) still write one line.
    if (logging.has(req)) return handler(req, ctx);
    logging.add(req);
    const start = performance.now();
    let status = 500;
    try {
      const res = await handler(req, ctx);
      status = res.status;
      return res;
    } finally {
      const note = notes.get(req) ?? {};
      const route = note.route ?? routePattern(new URL(req.url).pathname, await paramsOf(ctx));
      const line = { method: req.method, route, status, ms: Math.round((performance.now() - start) * 10) / 10, ...(note.appId && { appId: note.appId }) };
      if (status >= 500) log.warn(line, "request");
      else log.info(line, "request");
    }
  };
  wrapped.add(logged);
  return logged;
}

/** Whether a route export goes through `withRequestLog` (a test walks every route file). */
export function isRequestLogged(fn: unknown): boolean {
  return typeof fn === "function" && wrapped.has(fn);
}

async function paramsOf(ctx: unknown): Promise<Record<string, string | string[]>> {
  const params = (ctx as { params?: unknown } | undefined)?.params;
  try {
    const value = await params;
    return value && typeof value === "object" ? (value as Record<string, string | string[]>) : {};
  } catch {
    return {};
  }
}

/**
 * The route's pattern from its path and Next.js's params: each segment holding a param's value
 * becomes `[name]` (a catch-all's run of segments `[...name]`), left to right in route order.
 */
export function routePattern(pathname: string, params: Record<string, string | string[]>): string {
  const segments = pathname.split("/").filter(Boolean);
  const decoded = segments.map(safeDecode);
  const out: string[] = [];
  let i = 0;
  for (const [name, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) continue;
    const at = findRun(decoded, values, i);
    if (at === -1) continue;
    out.push(...segments.slice(i, at), Array.isArray(value) ? `[...${name}]` : `[${name}]`);
    i = at + values.length;
  }
  out.push(...segments.slice(i));
  return `/${out.join("/")}`;
}

function findRun(segments: string[], run: string[], from: number): number {
  for (let at = from; at + run.length <= segments.length; at++) {
    if (run.every((v, k) => segments[at + k] === v)) return at;
  }
  return -1;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
