import "server-only";
import { PortalError } from "@/lib/http/errors";
import type { MessageStatus } from "svix";
import { call, type AppScope } from "./client";
import { messageStatus, worstOf } from "./status";
import type { DeliveryStatus, MessageFilters, MessageSummary, Page } from "./types-messages";

/**
 * The log with each message's status over all its destinations, for an external core (svix-server,
 * Svix Cloud), which has no such list: one list per endpoint (`listAttemptedMessages`, by status
 * where that narrows it), plus the message list itself when messages without destinations matter,
 * merged newest first. A message is decided only once every list has moved past it, so its state
 * is the worst over all of them. The cursor is the last message id examined, which every list
 * takes as its own iterator (Svix's iterators are message ids here), so pages join up exactly.
 */

/** Endpoints merged at most; past this the caller is asked to choose one. */
export const MERGE_MAX_ENDPOINTS = 50;
/** Upstream lists read at once. */
const CONCURRENCY = 6;
/** Upstream pages one portal page may read; a page cut short says where to go on. */
const MAX_CALLS = 60;

type Item = { summary: MessageSummary; status?: DeliveryStatus; nextAttempt?: string | null };
type Upstream = { data: Item[]; iterator: string | null; prevIterator: string | null; done: boolean };
type Stream = { fetch: (iterator: string | null) => Promise<Upstream>; buf: Item[]; next: string | null; done: boolean };

export async function mergedLog(
  scope: AppScope,
  filters: MessageFilters,
  page: { limit: number; iterator?: string | null },
  sources: {
    endpointIds: string[];
    endpointList: (endpointId: string, status: MessageStatus | undefined, iterator: string | null, limit: number) => Promise<Upstream>;
    messageList: (iterator: string | null, limit: number) => Promise<Upstream>;
  },
): Promise<Page<MessageSummary>> {
  if (sources.endpointIds.length > MERGE_MAX_ENDPOINTS) {
    throw new PortalError("bad_request", `Filtering by status across more than ${MERGE_MAX_ENDPOINTS} endpoints is not available with this delivery service; choose an endpoint.`);
  }
  const wanted = filters.status ? new Set(filters.status.map((s) => (s === "retrying" ? "sending" : s))) : undefined;
  const batch = Math.min(250, Math.max(page.limit, 50));
  const lists: ((iterator: string | null) => Promise<Upstream>)[] = [];
  if (!wanted || wanted.has("none")) lists.push((it) => sources.messageList(it, batch));
  if (!wanted || wanted.has("none") || wanted.has("success")) {
    for (const id of sources.endpointIds) lists.push((it) => sources.endpointList(id, undefined, it, batch));
  } else {
    // Failures are always read: a message failing anywhere is "fail", whatever else it is.
    for (const id of sources.endpointIds) {
      lists.push((it) => sources.endpointList(id, messageStatus("fail"), it, batch));
      if (wanted.has("sending")) lists.push((it) => sources.endpointList(id, messageStatus("sending"), it, batch));
    }
  }

  // Newest first within any window. The upstream lists never get `after` (svix-server starts an
  // after-only list at the window's oldest end): the merge stops where the window does.
  const backwards = page.iterator?.startsWith("-") ?? false;
  const first = (a: string, b: string) => (backwards ? a < b : a > b);
  const after = filters.after?.toISOString();
  const before = filters.before?.toISOString();
  const tooOld = (m: MessageSummary) => after !== undefined && m.timestamp <= after;
  const tooNew = (m: MessageSummary) => before !== undefined && m.timestamp >= before;
  const streams: Stream[] = lists.map((fetch) => ({ fetch, buf: [], next: page.iterator ?? null, done: false }));
  const kept: MessageSummary[] = [];
  let examined: string | null = null;
  let calls = 0;
  let cut = false;

  for (;;) {
    const empty = streams.filter((s) => !s.done && s.buf.length === 0);
    if (empty.length > 0) {
      if (calls + empty.length > MAX_CALLS && examined !== null) {
        cut = true;
        break;
      }
      calls += empty.length;
      await eachLimit(empty, CONCURRENCY, async (s) => {
        const res = await s.fetch(s.next);
        s.buf = backwards ? [...res.data].reverse() : [...res.data];
        s.next = backwards ? res.prevIterator : res.iterator;
        s.done = res.done || s.next === null || res.data.length === 0;
      });
      continue;
    }
    const live = streams.filter((s) => s.buf.length > 0);
    if (live.length === 0) break;
    let head = live[0]!.buf[0]!.summary.id;
    for (const s of live) if (first(s.buf[0]!.summary.id, head)) head = s.buf[0]!.summary.id;
    let summary: MessageSummary | undefined;
    const states: DeliveryStatus[] = [];
    let nextAttempt: string | null = null;
    for (const s of live) {
      if (s.buf[0]!.summary.id !== head) continue;
      const item = s.buf.shift()!;
      summary ??= item.summary;
      if (item.status === undefined) continue;
      states.push(item.status);
      const retrying = item.status === "sending" || item.status === "pending";
      if (retrying && item.nextAttempt && (nextAttempt === null || item.nextAttempt < nextAttempt)) nextAttempt = item.nextAttempt;
    }
    // Past the window's far end every list is too: nothing further can be in it.
    if (backwards ? tooNew(summary!) : tooOld(summary!)) {
      for (const s of streams) {
        s.buf = [];
        s.done = true;
      }
      break;
    }
    examined = head;
    const state = worstOf(states);
    if (!tooOld(summary!) && !tooNew(summary!) && (!wanted || wanted.has(state))) {
      kept.push({ ...summary!, status: state, nextAttempt });
      if (kept.length === page.limit) break;
    }
  }

  const more = cut || streams.some((s) => s.buf.length > 0 || !s.done);
  const rows = backwards ? [...kept].reverse() : kept;
  const newest = rows[0]?.id;
  const oldest = rows[rows.length - 1]?.id;
  return backwards
    ? { data: rows, iterator: oldest ?? null, prevIterator: examined === null ? null : `-${examined}`, done: !more }
    : { data: rows, iterator: examined, prevIterator: newest === undefined ? null : `-${newest}`, done: !more };
}

async function eachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Every endpoint id of the application, up to the merge limit (and one more, to know it was passed). */
export async function allEndpointIds(scope: AppScope): Promise<string[]> {
  const ids: string[] = [];
  let iterator: string | null = null;
  for (;;) {
    const res = await call(() => scope.svix.endpoint.list(scope.appId, { limit: 250, iterator }));
    ids.push(...res.data.map((e) => e.id));
    if (res.done || res.iterator === null || ids.length > MERGE_MAX_ENDPOINTS) return ids;
    iterator = res.iterator;
  }
}
