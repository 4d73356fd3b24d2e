import type { Route } from "@/lib/portal-api/contract";
import type { Capability } from "@/lib/session/capabilities";
import { handlerOf, portalRoutes, type RouteHandler, type RoutesUnder } from "./bff-routes";

/** What a test sends to one endpoint route: everything else comes from the route table. */
type Sample = { query?: () => Record<string, string>; body?: () => unknown };

export type EndpointRoute = Pick<Route, "name" | "method" | "path" | "mutates"> & {
  capability: Capability;
  handler: RouteHandler;
  /** "endpoint" routes name one endpoint in the path; "app" routes act on the session's application. */
  target: "endpoint" | "app";
  params(endpointId: string): Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
};

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

/** A valid input for every endpoint route of the table; a route added there without one does not compile. */
const samples: { [K in RoutesUnder<"/api/portal/endpoints">]: Sample } = {
  listEndpoints: {},
  createEndpoint: { body: () => ({ url: "https://example.com/created-by-matrix" }) },
  getEndpoint: {},
  updateEndpoint: { body: () => ({ description: "changed", rateLimit: null }) },
  deleteEndpoint: {},
  enableEndpoint: {},
  disableEndpoint: {},
  getEndpointHeaders: {},
  replaceEndpointHeaders: { body: () => ({ headers: { "x-changed": "yes" } }) },
  patchEndpointHeaders: { body: () => ({ headers: { "x-patched": "yes" }, deleteHeaders: ["x-changed"] }) },
  getEndpointSecret: {},
  rotateEndpointSecret: { body: () => ({ gracePeriodSeconds: 0 }) },
  getEndpointStats: {},
  getEndpointActivity: { query: () => ({ range: "7d" }) },
  listEndpointAttempts: { query: () => ({ status: "fail" }) },
  countRecoverable: { query: () => ({ since: hourAgo() }) },
  recoverEndpoint: { body: () => ({ since: hourAgo() }) },
  countMissing: { query: () => ({ since: hourAgo() }) },
  replayMissing: { body: () => ({ since: hourAgo() }) },
  cancelBulk: {},
  sendExample: { body: () => ({ eventType: "svix.ping" }) },
};

/** Every endpoint route of the BFF, as the table declares it, each with an input that passes validation. */
export const endpointRoutes: EndpointRoute[] = await Promise.all(
  (Object.keys(samples) as (keyof typeof samples)[]).map(async (name) => {
    const route: Route = portalRoutes[name];
    const sample = samples[name];
    const target: EndpointRoute["target"] = route.params ? "endpoint" : "app";
    if (!route.capability) throw new Error(`${name} is not a session route`);
    return {
      name,
      method: route.method,
      path: route.path,
      mutates: route.mutates,
      capability: route.capability,
      handler: await handlerOf(route),
      target,
      params: (endpointId: string): Record<string, string> => (target === "endpoint" ? { id: endpointId } : {}),
      // Getters: windows are computed when the request is made, not when the file loads.
      get query() {
        return sample.query?.();
      },
      get body() {
        return sample.body?.();
      },
    } satisfies EndpointRoute;
  }),
);

/** A request path carrying the entry's query (handlers read only the query; params come apart). */
export function routePath(route: EndpointRoute, endpointId: string): string {
  const base = route.path.replace("[id]", encodeURIComponent(endpointId));
  const query = route.query ? `?${new URLSearchParams(route.query)}` : "";
  return base + query;
}
