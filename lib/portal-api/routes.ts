import type { Page } from "@/lib/http/page";
import type { Attempt } from "@/lib/delivery-api/types-attempts";
import type {
  Endpoint,
  EndpointActivity,
  EndpointHeaders,
  EndpointSecret,
  EndpointStats,
  EndpointWithHealth,
  RecoverCount,
  BulkCancelled,
  SentExample,
  StartedTask,
} from "@/lib/delivery-api/types-endpoints";
import type { EventCatalog } from "@/lib/delivery-api/types-event-types";
import type { ExportCount, MessageDetail, MessageSummary, Resent } from "@/lib/delivery-api/types-messages";
import type { Granted, SessionView } from "@/lib/session/view";
import { defineRoutes, download, json, noContent } from "./contract";
import * as ep from "./schemas/endpoints";
import * as msg from "./schemas/messages";
import * as ses from "./schemas/session";

const ENDPOINT = "/api/portal/endpoints/[id]";
const MESSAGE = "/api/portal/messages/[id]";

/**
 * Every route under app/api/portal (ADR 4): the handlers bind these entries, the test matrices
 * walk them, and lib/queries fetches through them. A route file the table does not name fails
 * route-coverage.test.ts.
 */
export const portalRoutes = defineRoutes({
  // ——— endpoints ———
  listEndpoints: { path: "/api/portal/endpoints", method: "GET", auth: { session: "ViewBase" }, query: ep.listQuery, reply: json<Page<EndpointWithHealth>>() },
  createEndpoint: { path: "/api/portal/endpoints", method: "POST", auth: { session: "ManageEndpoint" }, body: ep.endpointCreate, reply: json<Endpoint>(201) },
  getEndpoint: { path: ENDPOINT, method: "GET", auth: { session: "ViewBase" }, params: ep.endpointParams, reply: json<Endpoint>() },
  updateEndpoint: { path: ENDPOINT, method: "PATCH", auth: { session: "ManageEndpoint" }, params: ep.endpointParams, body: ep.endpointPatch, reply: json<Endpoint>() },
  deleteEndpoint: { path: ENDPOINT, method: "DELETE", auth: { session: "ManageEndpoint" }, params: ep.endpointParams, reply: noContent() },
  enableEndpoint: { path: `${ENDPOINT}/enable`, method: "POST", auth: { session: "ManageEndpoint" }, params: ep.endpointParams, reply: json<Endpoint>() },
  disableEndpoint: { path: `${ENDPOINT}/disable`, method: "POST", auth: { session: "ManageEndpoint" }, params: ep.endpointParams, reply: json<Endpoint>() },
  getEndpointHeaders: { path: `${ENDPOINT}/headers`, method: "GET", auth: { session: "ViewBase" }, params: ep.endpointParams, reply: json<EndpointHeaders>() },
  replaceEndpointHeaders: {
    path: `${ENDPOINT}/headers`,
    method: "PUT",
    auth: { session: "ManageEndpoint" },
    params: ep.endpointParams,
    body: ep.headersPut,
    reply: noContent(),
  },
  patchEndpointHeaders: {
    path: `${ENDPOINT}/headers`,
    method: "PATCH",
    auth: { session: "ManageEndpoint" },
    params: ep.endpointParams,
    body: ep.headersPatch,
    reply: noContent(),
  },
  getEndpointSecret: { path: `${ENDPOINT}/secret`, method: "GET", auth: { session: "ViewEndpointSecret" }, params: ep.endpointParams, reply: json<EndpointSecret>() },
  rotateEndpointSecret: {
    path: `${ENDPOINT}/secret/rotate`,
    method: "POST",
    auth: { session: "ManageEndpointSecret" },
    params: ep.endpointParams,
    body: ep.rotateIn,
    reply: noContent(),
  },
  getEndpointStats: { path: `${ENDPOINT}/stats`, method: "GET", auth: { session: "ViewBase" }, params: ep.endpointParams, query: ep.statsQuery, reply: json<EndpointStats>() },
  getEndpointActivity: {
    path: `${ENDPOINT}/activity`,
    method: "GET",
    auth: { session: "ViewBase" },
    params: ep.endpointParams,
    query: ep.activityQuery,
    reply: json<EndpointActivity>(),
  },
  listEndpointAttempts: {
    path: `${ENDPOINT}/attempts`,
    method: "GET",
    auth: { session: "ViewBase" },
    params: ep.endpointParams,
    query: ep.attemptsQuery,
    reply: json<Page<Attempt>>(),
  },
  countRecoverable: {
    path: `${ENDPOINT}/recover`,
    method: "GET",
    auth: { session: "CreateAttempts" },
    params: ep.endpointParams,
    query: ep.recoverWindow,
    reply: json<RecoverCount>(),
  },
  recoverEndpoint: {
    path: `${ENDPOINT}/recover`,
    method: "POST",
    auth: { session: "CreateAttempts" },
    params: ep.endpointParams,
    body: ep.recoverWindow,
    reply: json<StartedTask>(202),
  },
  countMissing: {
    path: `${ENDPOINT}/replay-missing`,
    method: "GET",
    auth: { session: "CreateAttempts" },
    params: ep.endpointParams,
    query: ep.recoverWindow,
    reply: json<RecoverCount>(),
  },
  replayMissing: {
    path: `${ENDPOINT}/replay-missing`,
    method: "POST",
    auth: { session: "CreateAttempts" },
    params: ep.endpointParams,
    body: ep.recoverWindow,
    reply: json<StartedTask>(202),
  },
  cancelBulk: {
    path: `${ENDPOINT}/bulk/cancel`,
    method: "POST",
    auth: { session: "CreateAttempts" },
    params: ep.endpointParams,
    reply: json<BulkCancelled>(),
  },
  sendExample: {
    path: `${ENDPOINT}/send-example`,
    method: "POST",
    auth: { session: "CreateAttempts" },
    params: ep.endpointParams,
    body: ep.sendExampleIn,
    reply: json<SentExample>(202),
  },

  // ——— event catalog and delivery log ———
  listEventTypes: { path: "/api/portal/event-types", method: "GET", auth: { session: "ViewBase" }, reply: json<EventCatalog>() },
  listMessages: { path: "/api/portal/messages", method: "GET", auth: { session: "ViewBase" }, query: msg.listQuery, reply: json<Page<MessageSummary>>() },
  exportMessages: { path: "/api/portal/messages/export", method: "GET", auth: { session: "ViewBase" }, query: msg.exportQuery, reply: download() },
  countMessages: { path: "/api/portal/messages/count", method: "GET", auth: { session: "ViewBase" }, query: msg.countQuery, reply: json<ExportCount>() },
  getMessage: { path: MESSAGE, method: "GET", auth: { session: "ViewBase" }, params: msg.messageParams, reply: json<MessageDetail>() },
  listMessageAttempts: {
    path: `${MESSAGE}/attempts`,
    method: "GET",
    auth: { session: "ViewBase" },
    params: msg.messageParams,
    query: msg.attemptsQuery,
    reply: json<Page<Attempt>>(),
  },
  resendMessage: {
    path: `${MESSAGE}/resend`,
    method: "POST",
    auth: { session: "CreateAttempts" },
    params: msg.messageParams,
    body: msg.resendBody,
    reply: json<Resent>(202),
  },

  // ——— sessions ———
  getSession: { path: "/api/portal/session", method: "GET", auth: { session: "ViewBase" }, reply: json<SessionView>() },
  exchangeTicket: { path: "/api/portal/session/exchange", method: "POST", auth: { ticket: true }, body: ses.ticketBody, maxBody: 4096, reply: json<Granted>() },
  refreshSession: { path: "/api/portal/session/refresh", method: "POST", auth: { refreshCookie: true }, body: ses.refreshBody, maxBody: 4096, reply: json<Granted>() },
  logout: { path: "/api/portal/session/logout", method: "POST", auth: { session: "ViewBase" }, reply: noContent() },
  openDirectSession: {
    path: "/api/portal/direct-session",
    method: "POST",
    auth: { login: true },
    body: ses.directSessionBody,
    maxBody: 4096,
    reply: json<{ session: SessionView }>(),
  },
});

export type PortalRoutes = typeof portalRoutes;
export type PortalRouteName = keyof PortalRoutes;
export const ROUTE_LIST = Object.values(portalRoutes);
