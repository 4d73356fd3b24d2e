/**
 * The catalog's view in the URL, so a reload, back/forward and a link from the host page land on
 * the same type: `event-types?type=invoice.paid&q=invoice&view=raw`. Defaults are left out.
 */
export type CatalogView = "properties" | "raw";

export type CatalogParams = {
  /** The selected event type, or null for the list alone. */
  type: string | null;
  /** The search, matched against names and descriptions. */
  q: string;
  view: CatalogView;
};

/** Longer than any event type name (256) plus some words; a pasted essay is cut, not refused. */
const MAX_Q = 300;

export function parseCatalogParams(sp: Pick<URLSearchParams, "get">): CatalogParams {
  const type = sp.get("type")?.trim();
  return {
    type: type ? type.slice(0, 256) : null,
    q: (sp.get("q") ?? "").slice(0, MAX_Q),
    view: sp.get("view") === "raw" ? "raw" : "properties",
  };
}

/** `?type=…&q=…` (empty for the defaults), in a fixed order so equal views have equal URLs. */
export function catalogSearch(p: CatalogParams): string {
  const out = new URLSearchParams();
  if (p.type) out.set("type", p.type);
  if (p.q) out.set("q", p.q);
  if (p.view !== "properties") out.set("view", p.view);
  const s = out.toString();
  return s ? `?${s}` : "";
}
