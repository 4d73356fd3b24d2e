import type { CatalogEventType } from "@/lib/delivery-api/types-event-types";

export type CatalogGroup = { prefix: string; types: CatalogEventType[] };

/** `invoice.payment_failed` → `invoice`; a name without a dot is its own group. */
export const prefixOf = (name: string): string => name.split(".")[0] || name;

/** Whether a type matches the search: every word in its name or description, any case. */
export function matches(t: CatalogEventType, q: string): boolean {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = `${t.name} ${t.description}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** The matching types by prefix, groups and types in name order. */
export function groupCatalog(types: CatalogEventType[], q: string): CatalogGroup[] {
  const groups = new Map<string, CatalogEventType[]>();
  for (const t of types) {
    if (!matches(t, q)) continue;
    const prefix = prefixOf(t.name);
    groups.set(prefix, [...(groups.get(prefix) ?? []), t]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([prefix, list]) => ({ prefix, types: list.sort((a, b) => a.name.localeCompare(b.name)) }));
}
