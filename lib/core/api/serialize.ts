import type { AppRow, AttemptRow, EndpointRow, EventTypeRow, MessageRow } from "@/lib/db/rows";
import { STATUS_TEXT } from "../status";

/** Our rows → Svix's wire shapes (camelCase, RFC 3339 times). */

const iso = (d: Date) => d.toISOString();

export function applicationOut(a: AppRow) {
  return {
    id: a.id,
    uid: a.uid,
    name: a.name,
    throttleRate: a.throttleRate,
    rateLimit: a.throttleRate,
    metadata: a.metadata,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
  };
}

export function endpointOut(e: EndpointRow) {
  return {
    id: e.id,
    uid: e.uid,
    url: e.url,
    description: e.description,
    disabled: e.disabled,
    eventTypes: e.eventTypes,
    // Deprecated aliases svix-server still emits.
    version: 1,
    filterTypes: e.eventTypes,
    channels: e.channels,
    throttleRate: e.throttleRate,
    rateLimit: e.throttleRate,
    metadata: e.metadata,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
  };
}

/** Expunged and retention-expired payloads read `{"expired": true}`. */
export function payloadOf(m: Pick<MessageRow, "payload" | "expiresAt">): unknown {
  if (m.payload === null || m.expiresAt.getTime() <= Date.now()) return { expired: true };
  return JSON.parse(m.payload);
}

export function messageOut(m: MessageRow, withContent: boolean) {
  return {
    id: m.id,
    eventId: m.eventId,
    eventType: m.eventType,
    payload: withContent ? payloadOf(m) : {},
    channels: m.channels,
    timestamp: iso(m.createdAt),
  };
}

export function attemptOut(a: AttemptRow, withContent: boolean) {
  return {
    id: a.id,
    msgId: a.msgId,
    endpointId: a.endpointId,
    url: a.url,
    response: withContent ? a.response : "{}",
    responseStatusCode: a.responseStatusCode,
    responseDurationMs: a.responseDurationMs,
    status: a.status,
    statusText: STATUS_TEXT[a.status] ?? "fail",
    triggerType: a.triggerType,
    timestamp: iso(a.createdAt),
  };
}

export function destinationState(d: { status: number; nextAttemptAt: Date | null }) {
  return { status: d.status, statusText: STATUS_TEXT[d.status] ?? "fail", nextAttempt: d.nextAttemptAt ? iso(d.nextAttemptAt) : null };
}

export function eventTypeOut(t: EventTypeRow, withContent: boolean) {
  return {
    name: t.name,
    description: t.description,
    archived: t.archived,
    deprecated: t.deprecated,
    schemas: withContent ? t.schemas : null,
    featureFlag: t.featureFlag,
    // The SDK reads Svix Cloud's list form.
    featureFlags: t.featureFlag === null ? null : [t.featureFlag],
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
  };
}
