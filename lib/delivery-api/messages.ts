import "server-only";
import { PortalError } from "@/lib/http/errors";
import { call, type AppScope } from "./client";
import { emptyPage, onePage } from "@/lib/http/page";
import { getExtended } from "./extensions";
import { allEndpointIds, mergedLog } from "./merged-log";
import { deliveryStatus, messageStatus, worstOf } from "./status";
import { shownUrl } from "./url-credentials";
import {
  STATUS_FILTERS,
  type LogState,
  type MessageDestination,
  type MessageDetail,
  type MessageFilters,
  type MessageSummary,
  type Page,
  type StatusFilter,
} from "./types-messages";

/** Attempted destinations are listed 250 at a time; an application has far fewer endpoints. */
const DESTINATION_PAGES = 4;

type UpstreamMessage = { id: string; eventId?: string | null; eventType: string; channels?: string[] | null; timestamp: Date };

function summary(m: UpstreamMessage): MessageSummary {
  return { id: m.id, eventId: m.eventId ?? null, eventType: m.eventType, channels: m.channels ?? [], timestamp: m.timestamp.toISOString() };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * One page of the log, newest first. With an endpoint it is that endpoint's attempted messages,
 * each with its delivery status there (and `status` one state there). Without one, each row
 * carries its status over all its destinations and `status` keeps those in any of the given
 * states: the embedded core answers that in one query (Porthole's extension of the message list),
 * an external one by merging its per-endpoint lists. `q` is an exact lookup by message id or eventId.
 */
export async function listMessages(
  scope: AppScope,
  filters: MessageFilters,
  page: { limit: number; iterator?: string | null },
): Promise<Page<MessageSummary>> {
  if (filters.q) return lookup(scope, filters.q, filters);
  const narrowing = {
    channel: filters.channel,
    before: filters.before ?? null,
    after: filters.after ?? null,
    eventTypes: filters.eventTypes?.length ? filters.eventTypes : undefined,
  };
  const iterator = page.iterator ?? null;
  const endpoint = filters.endpoint;
  const embedded = scope.link.mode === "embedded";
  // An external core is not sent `after` (svix-server starts an after-only list at the window's
  // oldest end); the page is cut where the window ends instead. The embedded core bounds it itself.
  const upstream = embedded ? narrowing : { ...narrowing, after: null };
  if (endpoint) {
    const status = endpointStatus(filters.status);
    const res = await call(() =>
      scope.svix.messageAttempt.listAttemptedMessages(scope.appId, endpoint, {
        ...upstream,
        limit: page.limit,
        iterator,
        withContent: false,
        status: status && messageStatus(status),
      }),
    );
    const inWindow = res.data.filter((m) => !filters.after || m.timestamp > filters.after);
    return {
      data: inWindow.map((m) => ({ ...summary(m), status: deliveryStatus(m.status, m.statusText), nextAttempt: iso(m.nextAttempt) })),
      iterator: res.iterator,
      prevIterator: res.prevIterator ?? null,
      done: res.done || inWindow.length < res.data.length,
    };
  }
  if (embedded) {
    const res = await getExtended<Page<UpstreamStatusRow>>(scope, "/api/v1/app/{app_id}/msg", {
      limit: page.limit,
      iterator,
      channel: narrowing.channel,
      before: narrowing.before,
      after: narrowing.after,
      event_types: narrowing.eventTypes,
      with_content: false,
      with_delivery_status: true,
      delivery_status: filters.status,
    });
    return {
      data: res.data.map((m) => ({ ...summary({ ...m, timestamp: new Date(m.timestamp) }), status: m.deliveryStatus, nextAttempt: m.nextAttempt })),
      iterator: res.iterator,
      prevIterator: res.prevIterator ?? null,
      done: res.done,
    };
  }
  return mergedLog(scope, filters, page, {
    endpointIds: await allEndpointIds(scope),
    endpointList: async (endpointId, status, iterator, limit) => {
      const res = await call(() =>
        scope.svix.messageAttempt.listAttemptedMessages(scope.appId, endpointId, { ...upstream, status, iterator, limit, withContent: false }),
      );
      return {
        data: res.data.map((m) => ({ summary: summary(m), status: deliveryStatus(m.status, m.statusText), nextAttempt: iso(m.nextAttempt) })),
        iterator: res.iterator,
        prevIterator: res.prevIterator ?? null,
        done: res.done,
      };
    },
    messageList: async (iterator, limit) => {
      const res = await call(() => scope.svix.message.list(scope.appId, { ...upstream, iterator, limit, withContent: false }));
      return { data: res.data.map((m) => ({ summary: summary(m) })), iterator: res.iterator, prevIterator: res.prevIterator ?? null, done: res.done };
    },
  });
}

/** A row of the embedded core's extended message list. */
type UpstreamStatusRow = Omit<UpstreamMessage, "timestamp"> & { timestamp: string; deliveryStatus: LogState; nextAttempt: string | null };

/** One endpoint's messages are filtered by one state there. */
function endpointStatus(status: LogState[] | undefined): StatusFilter | undefined {
  if (!status) return undefined;
  const [only] = status;
  if (status.length === 1 && (STATUS_FILTERS as readonly string[]).includes(only!)) return only as StatusFilter;
  throw new PortalError("invalid", "With an endpoint, filter by one status.", [
    { path: "status", message: `With an endpoint, choose one of ${STATUS_FILTERS.join(", ")}.` },
  ]);
}

async function lookup(scope: AppScope, q: string, filters: MessageFilters): Promise<Page<MessageSummary>> {
  const none = emptyPage<MessageSummary>();
  const msg = await findMessage(scope, q);
  if (!msg || !matches(msg, filters)) return none;
  const { destinations } = await destinationsOf(scope, msg.id);
  if (!filters.endpoint) {
    const state = worstOf(destinations.map((d) => d.status));
    // A retry in progress reads as "sending" in the destinations list.
    if (filters.status && !filters.status.some((s) => s === state || (s === "retrying" && state === "sending"))) return none;
    const next = destinations.map((d) => d.nextAttempt).filter((t): t is string => t !== null).sort()[0] ?? null;
    return onePage([{ ...summary(msg), status: state, nextAttempt: next }]);
  }
  const status = endpointStatus(filters.status);
  const dest = destinations.find((d) => d.endpointId === filters.endpoint || d.uid === filters.endpoint);
  if (!dest || (status && dest.status !== status)) return none;
  return onePage([{ ...summary(msg), status: dest.status, nextAttempt: dest.nextAttempt }]);
}

function matches(m: UpstreamMessage, f: MessageFilters): boolean {
  if (f.eventTypes?.length && !f.eventTypes.includes(m.eventType)) return false;
  if (f.channel && !(m.channels ?? []).includes(f.channel)) return false;
  if (f.before && m.timestamp >= f.before) return false;
  if (f.after && m.timestamp <= f.after) return false;
  return true;
}

async function findMessage(scope: AppScope, idOrEventId: string) {
  try {
    return await call(() => scope.svix.message.get(scope.appId, idOrEventId, { withContent: false }));
  } catch (err) {
    if (err instanceof PortalError && err.code === "not_found") return null;
    throw err;
  }
}

async function destinationsOf(scope: AppScope, msgId: string) {
  const destinations: (MessageDestination & { uid: string | null })[] = [];
  let iterator: string | null = null;
  for (let i = 0; i < DESTINATION_PAGES; i++) {
    const res = await call(() => scope.svix.messageAttempt.listAttemptedDestinations(scope.appId, msgId, { limit: 250, iterator }));
    for (const d of res.data) {
      destinations.push({
        endpointId: d.id,
        uid: d.uid ?? null,
        url: shownUrl(scope, d.url),
        description: d.description,
        status: deliveryStatus(d.status, d.statusText),
        nextAttempt: iso(d.nextAttempt),
      });
    }
    if (res.done || res.iterator === null) return { destinations, complete: true };
    iterator = res.iterator;
  }
  return { destinations, complete: false };
}

/** A message (by id or eventId) with its payload and where it went. */
export async function getMessage(scope: AppScope, idOrEventId: string): Promise<MessageDetail> {
  const msg = await call(() => scope.svix.message.get(scope.appId, idOrEventId, { withContent: true }));
  const { destinations, complete } = await destinationsOf(scope, msg.id);
  return {
    ...summary(msg),
    payload: msg.payload as unknown,
    destinations: destinations.map(({ uid: _uid, ...d }) => d),
    destinationsComplete: complete,
  };
}

/**
 * Queues one manual delivery of a message to one endpoint (never retried by the core). Resolves
 * the message first so the caller records its id, not an eventId.
 */
export async function resendMessage(scope: AppScope, idOrEventId: string, endpointId: string): Promise<{ messageId: string; endpointId: string }> {
  const msg = await call(() => scope.svix.message.get(scope.appId, idOrEventId, { withContent: false }));
  await call(() => scope.svix.messageAttempt.resend(scope.appId, msg.id, endpointId));
  return { messageId: msg.id, endpointId };
}

/**
 * The filtered log, page after page as the core answers, stopping at `max` rows. Yields each
 * page's rows; returns whether rows were left out.
 */
export async function* exportMessages(
  scope: AppScope,
  filters: MessageFilters,
  max: number,
): AsyncGenerator<MessageSummary[], { truncated: boolean }> {
  let count = 0;
  let iterator: string | null = null;
  for (;;) {
    const page = await listMessages(scope, filters, { limit: Math.min(250, max - count), iterator });
    const rows = page.data.slice(0, max - count);
    count += rows.length;
    if (rows.length) yield rows;
    const more = !page.done && page.iterator !== null;
    if (count >= max) return { truncated: more || page.data.length > rows.length };
    // An empty page that claims more would otherwise loop; end the export there.
    if (!more || page.data.length === 0) return { truncated: false };
    iterator = page.iterator;
  }
}

/**
 * How many rows `exportMessages` would write for these filters: the same pages, counted and
 * dropped, so the number shown before a download is the file's.
 */
export async function countMessages(scope: AppScope, filters: MessageFilters, max: number): Promise<{ count: number; max: number; capped: boolean }> {
  const pages = exportMessages(scope, filters, max);
  let count = 0;
  for (;;) {
    const next = await pages.next();
    if (next.done) return { count, max, capped: next.value.truncated };
    count += next.value.length;
  }
}
