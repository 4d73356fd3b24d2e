import type { Method } from "./contract";
import type { PortalRouteName } from "./routes";

/** What the browser needs of a route to call it: no schemas (zod stays on the server). */
export type WireRoute = { path: `/api/portal${string}`; method: Method; body: boolean; reply: "json" | "none" | "file"; session: boolean };

/**
 * The route table as the browser's fetchers see it. routes.ts carries the zod schemas the
 * handlers validate with; shipping those to every screen would cost ~30 KB gzip of first load,
 * so the browser gets this plain copy. The compiler checks every route has an entry, and
 * test/unit/wire-routes.test.ts checks each one says what the real entry says.
 */
export const wireRoutes = {
  listEndpoints: { path: "/api/portal/endpoints", method: "GET", body: false, reply: "json", session: true },
  createEndpoint: { path: "/api/portal/endpoints", method: "POST", body: true, reply: "json", session: true },
  getEndpoint: { path: "/api/portal/endpoints/[id]", method: "GET", body: false, reply: "json", session: true },
  updateEndpoint: { path: "/api/portal/endpoints/[id]", method: "PATCH", body: true, reply: "json", session: true },
  deleteEndpoint: { path: "/api/portal/endpoints/[id]", method: "DELETE", body: false, reply: "none", session: true },
  enableEndpoint: { path: "/api/portal/endpoints/[id]/enable", method: "POST", body: false, reply: "json", session: true },
  disableEndpoint: { path: "/api/portal/endpoints/[id]/disable", method: "POST", body: false, reply: "json", session: true },
  getEndpointHeaders: { path: "/api/portal/endpoints/[id]/headers", method: "GET", body: false, reply: "json", session: true },
  replaceEndpointHeaders: { path: "/api/portal/endpoints/[id]/headers", method: "PUT", body: true, reply: "none", session: true },
  patchEndpointHeaders: { path: "/api/portal/endpoints/[id]/headers", method: "PATCH", body: true, reply: "none", session: true },
  getEndpointSecret: { path: "/api/portal/endpoints/[id]/secret", method: "GET", body: false, reply: "json", session: true },
  rotateEndpointSecret: { path: "/api/portal/endpoints/[id]/secret/rotate", method: "POST", body: true, reply: "none", session: true },
  getEndpointStats: { path: "/api/portal/endpoints/[id]/stats", method: "GET", body: false, reply: "json", session: true },
  getEndpointActivity: { path: "/api/portal/endpoints/[id]/activity", method: "GET", body: false, reply: "json", session: true },
  listEndpointAttempts: { path: "/api/portal/endpoints/[id]/attempts", method: "GET", body: false, reply: "json", session: true },
  countRecoverable: { path: "/api/portal/endpoints/[id]/recover", method: "GET", body: false, reply: "json", session: true },
  recoverEndpoint: { path: "/api/portal/endpoints/[id]/recover", method: "POST", body: true, reply: "json", session: true },
  countMissing: { path: "/api/portal/endpoints/[id]/replay-missing", method: "GET", body: false, reply: "json", session: true },
  replayMissing: { path: "/api/portal/endpoints/[id]/replay-missing", method: "POST", body: true, reply: "json", session: true },
  cancelBulk: { path: "/api/portal/endpoints/[id]/bulk/cancel", method: "POST", body: false, reply: "json", session: true },
  sendExample: { path: "/api/portal/endpoints/[id]/send-example", method: "POST", body: true, reply: "json", session: true },
  listEventTypes: { path: "/api/portal/event-types", method: "GET", body: false, reply: "json", session: true },
  listMessages: { path: "/api/portal/messages", method: "GET", body: false, reply: "json", session: true },
  exportMessages: { path: "/api/portal/messages/export", method: "GET", body: false, reply: "file", session: true },
  countMessages: { path: "/api/portal/messages/count", method: "GET", body: false, reply: "json", session: true },
  getMessage: { path: "/api/portal/messages/[id]", method: "GET", body: false, reply: "json", session: true },
  listMessageAttempts: { path: "/api/portal/messages/[id]/attempts", method: "GET", body: false, reply: "json", session: true },
  resendMessage: { path: "/api/portal/messages/[id]/resend", method: "POST", body: true, reply: "json", session: true },
  getSession: { path: "/api/portal/session", method: "GET", body: false, reply: "json", session: true },
  exchangeTicket: { path: "/api/portal/session/exchange", method: "POST", body: true, reply: "json", session: false },
  refreshSession: { path: "/api/portal/session/refresh", method: "POST", body: true, reply: "json", session: false },
  logout: { path: "/api/portal/session/logout", method: "POST", body: false, reply: "none", session: true },
  openDirectSession: { path: "/api/portal/direct-session", method: "POST", body: true, reply: "json", session: false },
} as const satisfies Record<PortalRouteName, WireRoute>;
