import type { Route } from "@/lib/portal-api/contract";
import type { Capability } from "@/lib/session/capabilities";
import { handlerOf, portalRoutes, type RouteHandler, type RoutesUnder } from "./bff-routes";
import type { TestPortal } from "./portal";

/** The ids a route case is aimed at: one application's message (by id and eventId) and endpoint. */
export type Target = { messageId: string; eventId: string; endpointId: string };

type MessageRouteName = RoutesUnder<"/api/portal/messages"> | RoutesUnder<"/api/portal/event-types">;

/** One request a test makes to a delivery-log route: which route (from the table) and its sample input. */
type Sample = {
  name: string;
  route: MessageRouteName;
  params?(t: Target): Record<string, string>;
  query?(t: Target): Record<string, string>;
  body?(t: Target): unknown;
};

export type RouteCase = Omit<Sample, "route"> & {
  route: Route;
  method: Route["method"];
  path: Route["path"];
  capability: Capability;
  /** Lists and exports (no id in the path) answer another app's ids given as filters with 404 or nothing at all. */
  list: boolean;
  /** What the route answers for the session's own data: the table's status. */
  ok: number;
  handler: RouteHandler;
};

const message = (t: Target) => ({ id: t.messageId });

/** Every delivery-log BFF route (and the filters that reach another app's data). */
const samples: Sample[] = [
  { name: "event catalog", route: "listEventTypes" },
  { name: "messages by endpoint", route: "listMessages", query: (t) => ({ endpoint: t.endpointId }) },
  { name: "messages by endpoint and status", route: "listMessages", query: (t) => ({ endpoint: t.endpointId, status: "success" }) },
  { name: "messages by id", route: "listMessages", query: (t) => ({ q: t.messageId }) },
  { name: "messages by eventId", route: "listMessages", query: (t) => ({ q: t.eventId }) },
  { name: "message", route: "getMessage", params: message },
  { name: "message by eventId", route: "getMessage", params: (t) => ({ id: t.eventId }) },
  { name: "attempts", route: "listMessageAttempts", params: message },
  { name: "attempts to an endpoint", route: "listMessageAttempts", params: message, query: (t) => ({ endpoint: t.endpointId }) },
  { name: "resend", route: "resendMessage", params: message, body: (t) => ({ endpointId: t.endpointId }) },
  { name: "export csv by endpoint", route: "exportMessages", query: (t) => ({ format: "csv", endpoint: t.endpointId }) },
  { name: "export json by id", route: "exportMessages", query: (t) => ({ format: "json", q: t.messageId }) },
  { name: "count by endpoint", route: "countMessages", query: (t) => ({ endpoint: t.endpointId }) },
];

export const messageRoutes: RouteCase[] = await Promise.all(
  samples.map(async (s) => {
    const route: Route = portalRoutes[s.route];
    if (!route.capability) throw new Error(`${s.route} is not a session route`);
    return {
      ...s,
      route,
      method: route.method,
      path: route.path,
      capability: route.capability,
      list: !route.params,
      ok: route.reply.status,
      handler: await handlerOf(route),
    };
  }),
);

/** Every table route under /messages and /event-types has at least one case. */
export const uncoveredMessageRoutes = (Object.keys(portalRoutes) as (keyof typeof portalRoutes)[]).filter(
  (name) => /^\/api\/portal\/(messages|event-types)/.test(portalRoutes[name].path) && !samples.some((s) => s.route === name),
);

/** Calls one route case for `target` with `token` (null: no Authorization header). */
export function callRoute(p: TestPortal, c: RouteCase, target: Target, token: string | null): Promise<Response> {
  const params = c.params?.(target) ?? {};
  const path = Object.entries(params).reduce<string>((acc, [k, v]) => acc.replace(`[${k}]`, encodeURIComponent(v)), c.path);
  const query = c.query ? `?${new URLSearchParams(c.query(target))}` : "";
  return p.call(c.handler, { method: c.method, path: path + query, params, token, body: c.body?.(target) });
}
