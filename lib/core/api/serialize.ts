import type { eventTypes, messageAttempts } from "@/lib/db/schema";
import type { AppRow, EndpointRow, MessageRow } from "./access";

/** Our rows → Svix's wire shapes (camelCase, RFC 3339 times). */

export const STATUS_TEXT: Record<number, string> = { 0: "success", 1: "pending", 2: "fail", 3: "sending" };
export const Status = { success: 0, pending: 1, fail: 2, sending: 3 } as const;

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

type AttemptRow = typeof messageAttempts.$inferSelect;

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

type EventTypeRow = typeof eventTypes.$inferSelect;

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
