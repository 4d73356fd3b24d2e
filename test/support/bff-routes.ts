import type { Route } from "@/lib/portal-api/contract";
import { portalRoutes, type PortalRoutes } from "@/lib/portal-api/routes";

/** Method syntax keeps parameters bivariant, so handlers with different params fit one table. */
export type RouteHandler = { fn(req: Request, ctx: { params: Promise<Record<string, string>> }): Promise<Response> }["fn"];

/** The route file a table entry lives in: `/api/portal/endpoints/[id]` → `app/api/portal/endpoints/[id]/route.ts`. */
export const routeFile = (route: Route) => `app${route.path}/route.ts`;

/** The handler a route file exports for the entry's method (the real one Next.js would call). */
export async function handlerOf(route: Route): Promise<RouteHandler> {
  const mod = (await import(/* @vite-ignore */ `@/${routeFile(route)}`)) as Record<string, RouteHandler | undefined>;
  const handler = mod[route.method];
  if (!handler) throw new Error(`${routeFile(route)} exports no ${route.method} for ${route.name}`);
  return handler;
}

/** Names of the table's routes whose path starts with `prefix`. */
export type RoutesUnder<Prefix extends string> = {
  [K in keyof PortalRoutes]: PortalRoutes[K]["path"] extends `${Prefix}${string}` ? K : never;
}[keyof PortalRoutes];

export { portalRoutes };
