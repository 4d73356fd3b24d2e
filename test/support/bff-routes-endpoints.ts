import { DELETE as deleteEndpoint, GET as getEndpoint, PATCH as patchEndpoint } from "@/app/api/portal/endpoints/[id]/route";
import { GET as activity } from "@/app/api/portal/endpoints/[id]/activity/route";
import { GET as attempts } from "@/app/api/portal/endpoints/[id]/attempts/route";
import { POST as disable } from "@/app/api/portal/endpoints/[id]/disable/route";
import { POST as enable } from "@/app/api/portal/endpoints/[id]/enable/route";
import { GET as getHeaders, PUT as putHeaders } from "@/app/api/portal/endpoints/[id]/headers/route";
import { GET as recoverCount, POST as recover } from "@/app/api/portal/endpoints/[id]/recover/route";
import { POST as replayMissing } from "@/app/api/portal/endpoints/[id]/replay-missing/route";
import { GET as getSecret } from "@/app/api/portal/endpoints/[id]/secret/route";
import { POST as rotateSecret } from "@/app/api/portal/endpoints/[id]/secret/rotate/route";
import { POST as sendExample } from "@/app/api/portal/endpoints/[id]/send-example/route";
import { GET as stats } from "@/app/api/portal/endpoints/[id]/stats/route";
import { GET as listEndpoints, POST as createEndpoint } from "@/app/api/portal/endpoints/route";
import type { Capability } from "@/lib/session/capabilities";

/** Method syntax keeps parameters bivariant, so handlers with different params fit one table. */
type RouteHandler = { fn(req: Request, ctx: { params: Promise<Record<string, string>> }): Promise<Response> }["fn"];

export type EndpointRoute = {
  name: string;
  handler: RouteHandler;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** "endpoint" routes name one endpoint in the path; "app" routes act on the session's application. */
  target: "endpoint" | "app";
  params(endpointId: string): Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  capability: Capability;
  mutates: boolean;
};

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const one = (endpointId: string) => ({ id: endpointId });

/** Every endpoint route of the BFF, each with an input that passes validation. */
export const endpointRoutes: EndpointRoute[] = [
  { name: "list", handler: listEndpoints, method: "GET", target: "app", params: () => ({}), capability: "ViewBase", mutates: false },
  {
    name: "create",
    handler: createEndpoint,
    method: "POST",
    target: "app",
    params: () => ({}),
    body: { url: "https://example.com/created-by-matrix" },
    capability: "ManageEndpoint",
    mutates: true,
  },
  { name: "get", handler: getEndpoint, method: "GET", target: "endpoint", params: one, capability: "ViewBase", mutates: false },
  {
    name: "update",
    handler: patchEndpoint,
    method: "PATCH",
    target: "endpoint",
    params: one,
    body: { description: "changed", rateLimit: null },
    capability: "ManageEndpoint",
    mutates: true,
  },
  { name: "delete", handler: deleteEndpoint, method: "DELETE", target: "endpoint", params: one, capability: "ManageEndpoint", mutates: true },
  { name: "enable", handler: enable, method: "POST", target: "endpoint", params: one, capability: "ManageEndpoint", mutates: true },
  { name: "disable", handler: disable, method: "POST", target: "endpoint", params: one, capability: "ManageEndpoint", mutates: true },
  { name: "headers.get", handler: getHeaders, method: "GET", target: "endpoint", params: one, capability: "ViewBase", mutates: false },
  {
    name: "headers.replace",
    handler: putHeaders,
    method: "PUT",
    target: "endpoint",
    params: one,
    body: { headers: { "x-changed": "yes" } },
    capability: "ManageEndpoint",
    mutates: true,
  },
  { name: "secret.get", handler: getSecret, method: "GET", target: "endpoint", params: one, capability: "ViewEndpointSecret", mutates: false },
  {
    name: "secret.rotate",
    handler: rotateSecret,
    method: "POST",
    target: "endpoint",
    params: one,
    body: { gracePeriodSeconds: 0 },
    capability: "ManageEndpointSecret",
    mutates: true,
  },
  { name: "stats", handler: stats, method: "GET", target: "endpoint", params: one, capability: "ViewBase", mutates: false },
  {
    name: "activity",
    handler: activity,
    method: "GET",
    target: "endpoint",
    params: one,
    query: { range: "7d" },
    capability: "ViewBase",
    mutates: false,
  },
  {
    name: "attempts",
    handler: attempts,
    method: "GET",
    target: "endpoint",
    params: one,
    query: { status: "fail" },
    capability: "ViewBase",
    mutates: false,
  },
  {
    name: "recover.count",
    handler: recoverCount,
    method: "GET",
    target: "endpoint",
    params: one,
    get query() {
      return { since: hourAgo() };
    },
    capability: "CreateAttempts",
    mutates: false,
  },
  {
    name: "recover",
    handler: recover,
    method: "POST",
    target: "endpoint",
    params: one,
    get body() {
      return { since: hourAgo() };
    },
    capability: "CreateAttempts",
    mutates: true,
  },
  {
    name: "replay-missing",
    handler: replayMissing,
    method: "POST",
    target: "endpoint",
    params: one,
    get body() {
      return { since: hourAgo() };
    },
    capability: "CreateAttempts",
    mutates: true,
  },
  {
    name: "send-example",
    handler: sendExample,
    method: "POST",
    target: "endpoint",
    params: one,
    body: { eventType: "svix.ping" },
    capability: "CreateAttempts",
    mutates: true,
  },
];

/** A request path carrying the entry's query (handlers read only the query; params come apart). */
export function routePath(route: EndpointRoute, endpointId: string): string {
  const base = route.target === "app" ? "/api/portal/endpoints" : `/api/portal/endpoints/${encodeURIComponent(endpointId)}`;
  const query = route.query ? `?${new URLSearchParams(route.query)}` : "";
  return base + query;
}
