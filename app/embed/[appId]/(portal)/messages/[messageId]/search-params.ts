/**
 * What the message page keeps in its URL: the attempts' endpoint filter, the attempt whose
 * response is open, and `from`, the log's own query string, so "Messages" goes back to the same
 * filtered log after a reload or from a deep link.
 */
export type MessageView = { endpoint: string | null; attempt: string | null; from: string | null };

const ID = /^[A-Za-z0-9_.-]{1,256}$/;
/** A log query is a handful of filters; anything longer is not one of ours. */
const MAX_FROM = 2000;

const id = (v: string | null): string | null => (v && ID.test(v) ? v : null);

export function readMessageView(sp: URLSearchParams): MessageView {
  const from = sp.get("from");
  // Re-serialized, so only key=value pairs come back out (never a path or another origin).
  const clean = from && from.length <= MAX_FROM ? new URLSearchParams(from).toString() : "";
  return { endpoint: id(sp.get("endpoint")), attempt: id(sp.get("attempt")), from: clean || null };
}

/** The same view with some of it changed, as a query string for router.replace. */
export function writeMessageView(view: MessageView, change: Partial<MessageView>): string {
  const next = { ...view, ...change };
  const out = new URLSearchParams();
  if (next.endpoint) out.set("endpoint", next.endpoint);
  if (next.attempt) out.set("attempt", next.attempt);
  if (next.from) out.set("from", next.from);
  const s = out.toString();
  return s ? `?${s}` : "";
}

/** The log, with the filters it had when the user came from it. */
export const logHref = (base: string, view: MessageView): string => (view.from ? `${base}?${view.from}` : base);
