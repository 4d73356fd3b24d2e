import "server-only";
import { ApiException, MessageStatus, type EndpointOut } from "svix";
import { PortalError } from "@/lib/http/errors";
import type { CoreLink } from "@/lib/runtime";
import { EndpointOutSerializer } from "svix/dist/models/endpointOut";
import { call, svixClient, toPortalError, type AppScope } from "./client";
import { getExtended, postExtended } from "./extensions";
import { withPortalFields } from "./field-names";
import { toPage } from "./pages";
import { hasMaskedCredentials, shownUrl, withKeptCredentials } from "./url-credentials";
import type {
  ActivityBucket,
  ActivityRange,
  Endpoint,
  EndpointActivity,
  EndpointChanges,
  EndpointHealth,
  EndpointHeaders,
  EndpointInput,
  EndpointSecret,
  EndpointStats,
  EndpointWithHealth,
  Page,
  RecoverCount,
  BulkCancelled,
  SentExample,
  StartedTask,
  TimeWindow,
} from "./types-endpoints";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Svix recovers at most this many messages per call; counting further would promise too much. */
export const RECOVER_LIMIT = 10_000;
/** Stats calls in flight at once for one activity chart: enough to be quick, few enough to be polite. */
const ACTIVITY_CONCURRENCY = 6;
/** Endpoints whose health an external core is asked for at once. */
const HEALTH_CONCURRENCY = 6;
/** Attempt pages read back to an external endpoint's last success. */
const FAILING_PAGES = 4;

function toEndpoint(e: EndpointOut, scope: Pick<AppScope, "showUrlCredentials">): Endpoint {
  return {
    id: e.id,
    uid: e.uid ?? null,
    url: shownUrl(scope, e.url),
    description: e.description,
    disabled: e.disabled ?? false,
    filterTypes: e.filterTypes ?? null,
    channels: e.channels ?? null,
    rateLimit: e.throttleRate ?? null,
    metadata: e.metadata,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** Our field names to Svix's; `undefined` leaves a field alone, `null` clears it. */
function toSvixFields(input: EndpointChanges) {
  return {
    url: input.url,
    description: input.description,
    filterTypes: input.filterTypes,
    channels: input.channels,
    throttleRate: input.rateLimit,
    metadata: input.metadata,
    uid: input.uid,
    disabled: input.disabled,
  };
}

/**
 * The endpoint's id for a path that holds an id or a uid. A uid may never start with "ep_", so
 * only uids cost a lookup; audit entries then always name the endpoint by its id.
 */
export async function endpointId(scope: AppScope, idOrUid: string): Promise<string> {
  if (idOrUid.startsWith("ep_")) return idOrUid;
  return (await getEndpoint(scope, idOrUid)).id;
}

/**
 * A page of endpoints, each with its health. The embedded core answers in one call (Porthole's
 * `with_health` extension of the endpoint list, one query for the page); an external core with a
 * few calls per endpoint, at most HEALTH_CONCURRENCY at once.
 */
export async function listEndpoints(scope: AppScope, opts: { limit?: number; iterator?: string }): Promise<Page<EndpointWithHealth>> {
  if (scope.link.mode === "embedded") {
    const res = await getExtended<{ data: (Record<string, unknown> & { health: CoreHealth })[]; iterator: string | null; prevIterator?: string | null; done: boolean }>(
      scope,
      "/api/v1/app/{app_id}/endpoint",
      { limit: opts.limit, iterator: opts.iterator, with_health: true },
    );
    return toPage(res, (raw) => ({ ...toEndpoint(EndpointOutSerializer._fromJsonObject(raw), scope), health: fromCoreHealth(raw.health) }));
  }
  const page = await call(async () => toPage(await scope.svix.endpoint.list(scope.appId, opts), (e) => toEndpoint(e, scope)));
  const now = Date.now();
  const data = await mapLimit(page.data, HEALTH_CONCURRENCY, async (e) => ({ ...e, health: await externalHealth(scope, e, now) }));
  return { ...page, data };
}

/** The embedded core's health field (lib/core/api/endpoint-health.ts). */
type CoreHealth = {
  success: number;
  fail: number;
  sending: number;
  lastAttempt: string | null;
  failingSince: string | null;
  disabledReason: "auto" | "manual" | null;
};

function health(counts: { success: number; fail: number; sending: number }, rest: Pick<EndpointHealth, "lastAttemptAt" | "failingSince" | "disabledReason">): EndpointHealth {
  const total = counts.success + counts.fail + counts.sending;
  return {
    window: "24h",
    delivered: counts.success,
    failed: counts.fail,
    inFlight: counts.sending,
    successRate: total === 0 ? null : counts.success / total,
    ...rest,
  };
}

function fromCoreHealth(h: CoreHealth): EndpointHealth {
  return health(h, { lastAttemptAt: h.lastAttempt, failingSince: h.failingSince, disabledReason: h.disabledReason });
}

/**
 * Health from Svix's own lists: the stats over the window, the latest attempt, and (when that
 * failed) the attempts newest first back to the last success, at most FAILING_PAGES pages; past
 * that, `failingSince` is the oldest failure read (the endpoint has been failing at least since then).
 */
async function externalHealth(scope: AppScope, e: Endpoint, now: number): Promise<EndpointHealth> {
  const [stats, latest] = await Promise.all([
    getStats(scope, e.id, { since: new Date(now - DAY), until: new Date(now) }),
    call(() => scope.svix.messageAttempt.listByEndpoint(scope.appId, e.id, { limit: 1, withContent: false })),
  ]);
  const last = latest.data[0];
  let failingSince: string | null = null;
  if (last && last.status !== MessageStatus.Success) {
    let iterator: string | null = null;
    for (let i = 0; i < FAILING_PAGES; i++) {
      const res = await call(() => scope.svix.messageAttempt.listByEndpoint(scope.appId, e.id, { limit: 250, iterator, withContent: false }));
      const success = res.data.findIndex((a) => a.status === MessageStatus.Success);
      const failures = success === -1 ? res.data : res.data.slice(0, success);
      if (failures.length) failingSince = failures[failures.length - 1]!.timestamp.toISOString();
      if (success !== -1 || res.done || !res.iterator) break;
      iterator = res.iterator;
    }
  }
  return health(
    { success: stats.success, fail: stats.fail, sending: stats.sending + stats.pending },
    { lastAttemptAt: last ? last.timestamp.toISOString() : null, failingSince, disabledReason: e.disabled ? "unknown" : null },
  );
}

export function createEndpoint(scope: AppScope, input: EndpointInput): Promise<Endpoint> {
  return withPortalFields(call(async () => toEndpoint(await scope.svix.endpoint.create(scope.appId, { ...toSvixFields(input), url: input.url }), scope)));
}

export function getEndpoint(scope: AppScope, idOrUid: string): Promise<Endpoint> {
  return call(async () => toEndpoint(await scope.svix.endpoint.get(scope.appId, idOrUid), scope));
}

export function updateEndpoint(scope: AppScope, idOrUid: string, changes: EndpointChanges): Promise<Endpoint> {
  return withPortalFields(
    call(async () => {
      let url = changes.url;
      if (url !== undefined && hasMaskedCredentials(url)) url = withKeptCredentials(url, (await scope.svix.endpoint.get(scope.appId, idOrUid)).url);
      return toEndpoint(await scope.svix.endpoint.patch(scope.appId, idOrUid, toSvixFields({ ...changes, url })), scope);
    }),
  );
}

export function deleteEndpoint(scope: AppScope, id: string): Promise<void> {
  return call(() => scope.svix.endpoint.delete(scope.appId, id));
}

export function getHeaders(scope: AppScope, idOrUid: string): Promise<EndpointHeaders> {
  return call(async () => {
    const res = await scope.svix.endpoint.getHeaders(scope.appId, idOrUid);
    return { headers: { ...res.headers }, sensitive: [...res.sensitive] };
  });
}

export function replaceHeaders(scope: AppScope, id: string, headers: Record<string, string>): Promise<void> {
  return call(() => scope.svix.endpoint.updateHeaders(scope.appId, id, { headers }));
}

/** Sets `headers` and removes `deleteHeaders`; every other header, sensitive ones too, stays. */
export function patchHeaders(scope: AppScope, id: string, headers: Record<string, string>, deleteHeaders: string[] = []): Promise<void> {
  return call(() => scope.svix.endpoint.patchHeaders(scope.appId, id, { headers, ...(deleteHeaders.length ? { deleteHeaders } : {}) }));
}

export function getSecret(scope: AppScope, idOrUid: string): Promise<EndpointSecret> {
  return call(async () => ({ key: (await scope.svix.endpoint.getSecret(scope.appId, idOrUid)).key }));
}

export function rotateSecret(scope: AppScope, id: string, gracePeriodSeconds?: number): Promise<void> {
  return call(() => scope.svix.endpoint.rotateSecret(scope.appId, id, { gracePeriodSeconds }));
}

export function getStats(scope: AppScope, idOrUid: string, window: { since?: Date; until?: Date }): Promise<EndpointStats> {
  return call(async () => {
    const s = await scope.svix.endpoint.getStats(scope.appId, idOrUid, window);
    return { success: s.success, pending: s.pending, sending: s.sending, fail: s.fail, canceled: s.canceled };
  });
}

/** Bucket boundaries ending now: hours for a day, UTC days otherwise. The last one is never empty. */
export function activityBuckets(range: ActivityRange, now: number): { start: number; end: number }[] {
  const [size, count] = range === "24h" ? [HOUR, 24] : range === "7d" ? [DAY, 7] : [DAY, 30];
  const current = Math.floor((now - 1) / size) * size;
  return Array.from({ length: count }, (_, i) => {
    const start = current - (count - 1 - i) * size;
    return { start, end: Math.min(start + size, now) };
  });
}

/**
 * A time series for charts, from one stats call per bucket: only the Svix contract is needed, so
 * it works against svix-server as well as the embedded core.
 */
export async function getActivity(scope: AppScope, idOrUid: string, range: ActivityRange): Promise<EndpointActivity> {
  const id = await endpointId(scope, idOrUid);
  const buckets = await mapLimit(activityBuckets(range, Date.now()), ACTIVITY_CONCURRENCY, async ({ start, end }): Promise<ActivityBucket> => {
    // The core counts both ends of a window; ending a millisecond early keeps buckets disjoint.
    const s = await getStats(scope, id, { since: new Date(start), until: new Date(end - 1) });
    return { start: new Date(start).toISOString(), end: new Date(end).toISOString(), success: s.success, fail: s.fail, sending: s.sending };
  });
  return { range, buckets };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * How many messages a recover over the window would retry: the endpoint's messages whose
 * delivery failed for good, counted page by page (newest first) down to `since`, bounded as
 * the recover itself is.
 */
export async function countRecoverable(scope: AppScope, idOrUid: string, window: TimeWindow): Promise<RecoverCount> {
  const since = window.since.getTime();
  let count = 0;
  let iterator: string | undefined;
  for (;;) {
    const page = await call(() =>
      scope.svix.messageAttempt.listAttemptedMessages(scope.appId, idOrUid, {
        status: MessageStatus.Fail,
        before: window.until ?? new Date(),
        iterator,
        limit: 250,
        withContent: false,
      }),
    );
    for (const m of page.data) {
      if (m.timestamp.getTime() < since) return { count, capped: false };
      if (++count >= RECOVER_LIMIT) return { count, capped: true };
    }
    if (page.done || !page.iterator) return { count, capped: false };
    iterator = page.iterator;
  }
}

/**
 * How many messages a replay over the window would send: the application's messages this
 * endpoint receives by its filters now (event types, channels) that it never got, newest first
 * down to `since`, bounded as the replay itself is. A disabled endpoint receives none.
 */
export async function countMissing(scope: AppScope, idOrUid: string, window: TimeWindow): Promise<RecoverCount> {
  const endpoint = await getEndpoint(scope, idOrUid);
  if (endpoint.disabled) return { count: 0, capped: false };
  const since = window.since.getTime();
  const before = window.until ?? new Date();
  const got = new Set<string>();
  for (let iterator: string | undefined; ; ) {
    const page = await call(() => scope.svix.messageAttempt.listAttemptedMessages(scope.appId, endpoint.id, { before, iterator, limit: 250, withContent: false }));
    const inWindow = page.data.filter((m) => m.timestamp.getTime() >= since);
    for (const m of inWindow) got.add(m.id);
    if (inWindow.length < page.data.length || page.done || !page.iterator) break;
    iterator = page.iterator;
  }
  const channels = endpoint.channels;
  let count = 0;
  for (let iterator: string | undefined; ; ) {
    const page = await call(() =>
      scope.svix.message.list(scope.appId, { before, iterator, limit: 250, withContent: false, eventTypes: endpoint.filterTypes ?? undefined }),
    );
    for (const m of page.data) {
      if (m.timestamp.getTime() < since) return { count, capped: false };
      if (got.has(m.id) || (channels && !(m.channels ?? []).some((c) => channels.includes(c)))) continue;
      if (++count >= RECOVER_LIMIT) return { count, capped: true };
    }
    if (page.done || !page.iterator) return { count, capped: false };
    iterator = page.iterator;
  }
}

function toTask(t: { id: string; status: string }): StartedTask {
  const status = t.status === "finished" || t.status === "failed" ? t.status : "running";
  return { taskId: t.id, status };
}

export function recoverFailed(scope: AppScope, id: string, window: TimeWindow): Promise<StartedTask> {
  return call(async () => toTask(await scope.svix.endpoint.recover(scope.appId, id, window)));
}

/**
 * Replay is Svix Cloud's (and the embedded core's); svix-server answers its path with 404. The
 * endpoint is passed as read with this scope, so a 404 here means the route, not the endpoint.
 */
export async function replayMissing(scope: AppScope, endpoint: Endpoint, window: TimeWindow): Promise<StartedTask> {
  try {
    return toTask(await scope.svix.endpoint.replayMissing(scope.appId, endpoint.id, window));
  } catch (err) {
    if (err instanceof ApiException && err.code === 404) {
      throw new PortalError("bad_request", "Replaying missing messages is not available with this delivery service.");
    }
    throw toPortalError(err);
  }
}

/**
 * Drops the endpoint's recover and replay deliveries not yet attempted: the embedded core's
 * extension. svix-server has no such route (404), so the endpoint is passed as read with this scope.
 */
export async function cancelBulk(scope: AppScope, endpoint: Endpoint): Promise<BulkCancelled> {
  try {
    const out = await postExtended<BulkCancelled>(scope, "/api/v1/app/{app_id}/endpoint/{endpoint_id}/bulk/cancel", { endpoint_id: endpoint.id });
    return { cancelled: out.cancelled, stillQueued: out.stillQueued };
  } catch (err) {
    if (err instanceof ApiException && err.code === 404) {
      throw new PortalError("bad_request", "Cancelling recover and replay deliveries is not available with this delivery service.");
    }
    throw toPortalError(err);
  }
}

/**
 * Sends an event type's example to one endpoint of the session's application.
 *
 * svix-server only lets the organisation's token send examples (an app token gets 403), so
 * this is the one place the portal uses the org token on a session's behalf. It stays inside
 * the session's application because everything it names was first read with the app-scoped
 * token: the endpoint (404 unless it belongs to this app) and the event type (hidden from the
 * app token when its feature flag is not granted). The org call then targets that app id and
 * that endpoint id only.
 */
export async function sendExample(scope: AppScope, orgLink: { link: CoreLink; orgToken: string }, idOrUid: string, eventType: string): Promise<SentExample> {
  const endpoint = await getEndpoint(scope, idOrUid);
  if (eventType !== "svix.ping") await call(() => scope.svix.eventType.get(eventType));
  const org = svixClient(orgLink.link, orgLink.orgToken);
  const msg = await call(() => org.endpoint.sendExample(scope.appId, endpoint.id, { eventType }));
  return { messageId: msg.id, endpointId: endpoint.id, eventType: msg.eventType };
}
