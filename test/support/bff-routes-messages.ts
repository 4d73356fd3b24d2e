import { GET as listEventTypes } from "@/app/api/portal/event-types/route";
import { GET as getMessage } from "@/app/api/portal/messages/[id]/route";
import { GET as listAttempts } from "@/app/api/portal/messages/[id]/attempts/route";
import { POST as resend } from "@/app/api/portal/messages/[id]/resend/route";
import { GET as exportMessages } from "@/app/api/portal/messages/export/route";
import { GET as listMessages } from "@/app/api/portal/messages/route";
import type { Capability } from "@/lib/session/capabilities";
import type { TestPortal } from "./portal";

/** The ids a route case is aimed at: one application's message (by id and eventId) and endpoint. */
export type Target = { messageId: string; eventId: string; endpointId: string };

export type RouteCase = {
  name: string;
  method: "GET" | "POST";
  path: string;
  capability: Capability;
  /** Lists and exports answer another app's ids given as filters with 404 or nothing at all. */
  list: boolean;
  /** What the route answers for the session's own data. */
  ok: number;
  // Method syntax: the table holds handlers of different param shapes.
  handler(req: Request, ctx: { params: Promise<Record<string, string>> }): Promise<Response>;
  params(t: Target): Record<string, string>;
  query?(t: Target): Record<string, string>;
  body?(t: Target): unknown;
};

/** Every delivery-log BFF route (and the filters that reach another app's data). */
export const messageRoutes: RouteCase[] = [
  { name: "event catalog", method: "GET", path: "/api/portal/event-types", capability: "ViewBase", list: true, ok: 200, handler: listEventTypes, params: () => ({}) },
  { name: "messages by endpoint", method: "GET", path: "/api/portal/messages", capability: "ViewBase", list: true, ok: 200, handler: listMessages, params: () => ({}), query: (t) => ({ endpoint: t.endpointId }) },
  { name: "messages by endpoint and status", method: "GET", path: "/api/portal/messages", capability: "ViewBase", list: true, ok: 200, handler: listMessages, params: () => ({}), query: (t) => ({ endpoint: t.endpointId, status: "success" }) },
  { name: "messages by id", method: "GET", path: "/api/portal/messages", capability: "ViewBase", list: true, ok: 200, handler: listMessages, params: () => ({}), query: (t) => ({ q: t.messageId }) },
  { name: "messages by eventId", method: "GET", path: "/api/portal/messages", capability: "ViewBase", list: true, ok: 200, handler: listMessages, params: () => ({}), query: (t) => ({ q: t.eventId }) },
  { name: "message", method: "GET", path: "/api/portal/messages/[id]", capability: "ViewBase", list: false, ok: 200, handler: getMessage, params: (t) => ({ id: t.messageId }) },
  { name: "message by eventId", method: "GET", path: "/api/portal/messages/[id]", capability: "ViewBase", list: false, ok: 200, handler: getMessage, params: (t) => ({ id: t.eventId }) },
  { name: "attempts", method: "GET", path: "/api/portal/messages/[id]/attempts", capability: "ViewBase", list: false, ok: 200, handler: listAttempts, params: (t) => ({ id: t.messageId }) },
  { name: "attempts to an endpoint", method: "GET", path: "/api/portal/messages/[id]/attempts", capability: "ViewBase", list: false, ok: 200, handler: listAttempts, params: (t) => ({ id: t.messageId }), query: (t) => ({ endpoint: t.endpointId }) },
  { name: "resend", method: "POST", path: "/api/portal/messages/[id]/resend", capability: "CreateAttempts", list: false, ok: 202, handler: resend, params: (t) => ({ id: t.messageId }), body: (t) => ({ endpointId: t.endpointId }) },
  { name: "export csv by endpoint", method: "GET", path: "/api/portal/messages/export", capability: "ViewBase", list: true, ok: 200, handler: exportMessages, params: () => ({}), query: (t) => ({ format: "csv", endpoint: t.endpointId }) },
  { name: "export json by id", method: "GET", path: "/api/portal/messages/export", capability: "ViewBase", list: true, ok: 200, handler: exportMessages, params: () => ({}), query: (t) => ({ format: "json", q: t.messageId }) },
];

/** Calls one route case for `target` with `token` (null: no Authorization header). */
export function callRoute(p: TestPortal, c: RouteCase, target: Target, token: string | null): Promise<Response> {
  const params = c.params(target);
  const path = Object.entries(params).reduce((acc, [k, v]) => acc.replace(`[${k}]`, encodeURIComponent(v)), c.path);
  const query = c.query ? `?${new URLSearchParams(c.query(target))}` : "";
  return p.call(c.handler, { method: c.method, path: path + query, params, token, body: c.body?.(target) });
}
