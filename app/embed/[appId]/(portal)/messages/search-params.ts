import { LOG_STATES, STATUS_FILTERS, type LogState } from "@/lib/delivery-api/types-messages";

/**
 * The log's view as URL search parameters, declared once: the screen reads and writes it, the
 * export takes its filters, the tests build deep links with it. Unknown or malformed values are
 * dropped, so a hand-edited link opens the nearest valid view rather than an error.
 */

export const RANGE_PRESETS = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type RangePreset = keyof typeof RANGE_PRESETS;

export const PAGE_SIZES = [50, 100, 250] as const;
export const DEFAULT_PAGE_SIZE = 50;

export type LogView = {
  /** Any of these states over all destinations; with `endpoint`, at most one of STATUS_FILTERS there. */
  status: LogState[];
  eventTypes: string[];
  endpoint: string | null;
  channel: string | null;
  /** A preset window ending now, or a custom `after`/`before` (ISO instants); never both. */
  range: RangePreset | null;
  after: string | null;
  before: string | null;
  /** A message id or eventId: an exact lookup. */
  q: string | null;
  /** The page: Older (the default) walks back from `cursor`, Newer forward from it; none is the first page. */
  cursor: string | null;
  dir: "older" | "newer";
  limit: number;
};

export const EMPTY_VIEW: LogView = {
  status: [],
  eventTypes: [],
  endpoint: null,
  channel: null,
  range: null,
  after: null,
  before: null,
  q: null,
  cursor: null,
  dir: "older",
  limit: DEFAULT_PAGE_SIZE,
};

const NAME = /^[a-zA-Z0-9\-_.]{1,256}$/;
const list = (v: string | null) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean);
const text = (v: string | null) => (v !== null && NAME.test(v) ? v : null);
const instant = (v: string | null) => (v !== null && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : null);
const isPreset = (v: string | null): v is RangePreset => v !== null && Object.hasOwn(RANGE_PRESETS, v);

/** Allowed statuses: with an endpoint one state there, else any of the log's. */
export function statusesFor(endpoint: string | null): readonly LogState[] {
  return endpoint ? STATUS_FILTERS : LOG_STATES;
}

export function parseLogView(sp: { get(name: string): string | null }): LogView {
  const endpoint = text(sp.get("endpoint"));
  const allowed = statusesFor(endpoint);
  let status = [...new Set(list(sp.get("status")))].filter((s): s is LogState => (allowed as readonly string[]).includes(s));
  if (endpoint) status = status.slice(0, 1);
  const range = isPreset(sp.get("range")) ? (sp.get("range") as RangePreset) : null;
  const limit = Number(sp.get("limit"));
  const cursor = text(sp.get("cursor"));
  return {
    status,
    eventTypes: [...new Set(list(sp.get("types")).filter((s) => NAME.test(s)))],
    endpoint,
    channel: text(sp.get("channel")),
    range,
    after: range ? null : instant(sp.get("after")),
    before: range ? null : instant(sp.get("before")),
    q: text(sp.get("q")),
    cursor,
    dir: cursor && sp.get("dir") === "newer" ? "newer" : "older",
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_PAGE_SIZE,
  };
}

/** The view as a query string (no "?"), defaults left out, in a fixed order. */
export function serializeLogView(v: LogView): string {
  const out = new URLSearchParams();
  if (v.status.length) out.set("status", v.status.join(","));
  if (v.eventTypes.length) out.set("types", v.eventTypes.join(","));
  if (v.endpoint) out.set("endpoint", v.endpoint);
  if (v.channel) out.set("channel", v.channel);
  if (v.range) out.set("range", v.range);
  if (!v.range && v.after) out.set("after", v.after);
  if (!v.range && v.before) out.set("before", v.before);
  if (v.q) out.set("q", v.q);
  if (v.cursor) {
    out.set("cursor", v.cursor);
    if (v.dir === "newer") out.set("dir", "newer");
  }
  if (v.limit !== DEFAULT_PAGE_SIZE) out.set("limit", String(v.limit));
  return out.toString();
}

/** A changed filter starts again at the first page. */
export function withFilters(v: LogView, patch: Partial<Omit<LogView, "cursor" | "dir">>): LogView {
  const next = { ...v, ...patch, cursor: null, dir: "older" as const };
  // A status that means nothing at the chosen endpoint is dropped, not sent.
  const allowed = statusesFor(next.endpoint) as readonly string[];
  next.status = next.status.filter((s) => allowed.includes(s));
  if (next.endpoint) next.status = next.status.slice(0, 1);
  return next;
}

export const hasFilters = (v: LogView): boolean =>
  v.status.length > 0 || v.eventTypes.length > 0 || Boolean(v.endpoint || v.channel || v.range || v.after || v.before || v.q);

/** The BFF's filters for this view. A preset's start is taken to the minute, so the query key holds still. */
export type LogFilters = { status?: LogState[]; eventTypes?: string[]; endpoint?: string; channel?: string; after?: string; before?: string; q?: string };

export function filtersOf(v: LogView, now: number): LogFilters {
  const after = v.range ? new Date(Math.floor((now - RANGE_PRESETS[v.range]) / 60_000) * 60_000).toISOString() : v.after;
  return {
    ...(v.status.length ? { status: v.status } : {}),
    ...(v.eventTypes.length ? { eventTypes: v.eventTypes } : {}),
    ...(v.endpoint ? { endpoint: v.endpoint } : {}),
    ...(v.channel ? { channel: v.channel } : {}),
    ...(after ? { after } : {}),
    ...(v.before ? { before: v.before } : {}),
    ...(v.q ? { q: v.q } : {}),
  };
}

/** The list query for this view's page. */
export function pageQueryOf(v: LogView, now: number) {
  return { ...filtersOf(v, now), limit: v.limit, ...(v.cursor ? { iterator: v.dir === "newer" ? `-${v.cursor}` : v.cursor } : {}) };
}
