import type { CatalogEventType } from "@/lib/delivery-api/types-event-types";

export type EventTypeGroup = { name: string; types: CatalogEventType[] };

/** `invoice.paid` → `invoice`; a name without a dot is its own group. */
export const groupOf = (name: string): string => name.split(".", 1)[0] ?? name;

/**
 * The catalog grouped by the name's prefix, groups and types sorted by name, keeping only the
 * types whose name or description contains `search` (case-insensitive).
 */
export function groupEventTypes(types: CatalogEventType[], search = ""): EventTypeGroup[] {
  const needle = search.trim().toLowerCase();
  const groups = new Map<string, CatalogEventType[]>();
  for (const t of [...types].sort((a, b) => a.name.localeCompare(b.name))) {
    if (needle && !t.name.toLowerCase().includes(needle) && !t.description.toLowerCase().includes(needle)) continue;
    const key = groupOf(t.name);
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, list]) => ({ name, types: list }));
}
