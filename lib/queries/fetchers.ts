import { apiErrorOf } from "@/lib/http/api-error";
import type { InputOf, ResultOf, Route } from "@/lib/portal-api/contract";
import type { PortalRouteName, PortalRoutes } from "@/lib/portal-api/routes";
import { wireRoutes, type WireRoute } from "@/lib/portal-api/wire-routes";
import type { SessionClient } from "@/lib/session/client";

type Args<R extends Route> = Record<never, never> extends InputOf<R> ? [input?: InputOf<R>] : [input: InputOf<R>];

/** One typed fetch per route of the table: input and result are the table's, so a changed route breaks the build. */
export type PortalApi = { [K in PortalRouteName]: (...args: Args<PortalRoutes[K]>) => Promise<ResultOf<PortalRoutes[K]>> };

type LooseInput = { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };

/** Query values back to the wire: what the route's schema parses (dates as ISO, lists comma-joined). */
function searchOf(query: Record<string, unknown> | undefined): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null) continue;
    out.set(k, v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join(",") : String(v));
  }
  const s = out.toString();
  return s ? `?${s}` : "";
}

function pathOf(route: WireRoute, params: Record<string, string> | undefined): string {
  return route.path.replace(/\[(\w+)\]/g, (_, key: string) => encodeURIComponent(params?.[key] ?? ""));
}

async function fetchRoute(client: Pick<SessionClient, "send">, route: WireRoute, input: LooseInput = {}): Promise<unknown> {
  const init: RequestInit = { method: route.method };
  if (route.body) init.body = JSON.stringify(input.body ?? {});
  // Only session routes renew on 401; the others are how a session is opened in the first place.
  const res = await client.send(pathOf(route, input.params) + searchOf(input.query), init, { renew: route.session });
  if (!res.ok) throw await apiErrorOf(res);
  if (route.reply === "none") return undefined;
  if (route.reply === "file") return res.blob();
  return res.json();
}

/** The BFF as typed functions, calling through `client` (its token, its 401 handling). */
export function createPortalApi(client: Pick<SessionClient, "send">): PortalApi {
  const api: Record<string, (input?: LooseInput) => Promise<unknown>> = {};
  for (const [name, route] of Object.entries(wireRoutes) as [string, WireRoute][]) {
    api[name] = (input) => fetchRoute(client, route, input);
  }
  return api as unknown as PortalApi;
}
