import type { Endpoint, EndpointChanges, EndpointInput } from "@/lib/delivery-api/types-endpoints";

/** What the endpoint form edits, as the user typed it. */
export type EndpointValues = {
  url: string;
  description: string;
  /** null: all events. */
  filterTypes: string[] | null;
  /** Empty: all channels. */
  channels: string[];
  /** Digits as typed; empty: no limit. */
  rateLimit: string;
};

export const FORM_FIELDS = ["url", "description", "filterTypes", "channels", "rateLimit"] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export const emptyValues: EndpointValues = { url: "", description: "", filterTypes: null, channels: [], rateLimit: "" };

export function valuesOf(ep: Endpoint): EndpointValues {
  return {
    url: ep.url,
    description: ep.description,
    filterTypes: ep.filterTypes,
    channels: ep.channels ?? [],
    rateLimit: ep.rateLimit === null ? "" : String(ep.rateLimit),
  };
}

/** The create body: empty lists and limits are left out (the server's "all" / "none"). */
export function createInput(v: EndpointValues): EndpointInput {
  const rate = v.rateLimit.trim();
  return {
    url: v.url.trim(),
    ...(v.description.trim() ? { description: v.description.trim() } : {}),
    ...(v.filterTypes ? { filterTypes: v.filterTypes } : {}),
    ...(v.channels.length ? { channels: v.channels } : {}),
    // Not a number stays as typed text, so the server names the field instead of the form guessing.
    ...(rate ? { rateLimit: /^\d+$/.test(rate) ? Number(rate) : (rate as unknown as number) } : {}),
  };
}

const sameList = (a: string[] | null, b: string[] | null) => JSON.stringify(a ? [...a].sort() : null) === JSON.stringify(b ? [...b].sort() : null);

/** Only the fields that differ from `before`: a PATCH that leaves the rest as it is. null clears. */
export function changedFields(before: Endpoint, v: EndpointValues): EndpointChanges {
  const next = createInput(v);
  const out: EndpointChanges = {};
  if (next.url !== before.url) out.url = next.url;
  if ((next.description ?? "") !== before.description) out.description = next.description ?? "";
  if (!sameList(next.filterTypes ?? null, before.filterTypes)) out.filterTypes = next.filterTypes ?? null;
  if (!sameList(next.channels ?? null, before.channels)) out.channels = next.channels ?? null;
  if ((next.rateLimit ?? null) !== before.rateLimit) out.rateLimit = next.rateLimit ?? null;
  return out;
}

/** The field a server issue belongs to: `filterTypes.0` → filterTypes; unknown paths → null. */
export function fieldOfIssue(path: string): FormField | null {
  const head = path.split(".", 1)[0] ?? "";
  return (FORM_FIELDS as readonly string[]).includes(head) ? (head as FormField) : null;
}

/** The obvious check the browser can make before asking: a URL with an http(s) scheme and a host. */
export function urlLooksValid(url: string): boolean {
  try {
    const u = new URL(url.trim());
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}
