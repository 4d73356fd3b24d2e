import type { EndpointHeaders } from "@/lib/delivery-api/types-endpoints";

/** One line of the headers editor. A sensitive header's value is never known to the browser. */
export type HeaderRow = { key: number; name: string; value: string; sensitive: boolean; replacing: boolean };

let next = 0;
export const newRow = (): HeaderRow => ({ key: next++, name: "", value: "", sensitive: false, replacing: false });

export function rowsOf(data: EndpointHeaders): HeaderRow[] {
  return [
    ...Object.entries(data.headers).map(([name, value]) => ({ key: next++, name, value, sensitive: false, replacing: false })),
    ...data.sensitive.map((name) => ({ key: next++, name, value: "", sensitive: true, replacing: false })),
  ];
}

/**
 * The rows as a patch against what the server had: every header with a known value is set, a
 * sensitive one only when its value is being replaced, and names that are gone are deleted. A
 * sensitive header left alone is not mentioned, so it keeps the value nobody here has seen.
 */
export function patchOf(before: EndpointHeaders, rows: HeaderRow[]): { headers: Record<string, string>; deleteHeaders: string[] } {
  const headers: Record<string, string> = {};
  const kept = new Set<string>();
  for (const row of rows) {
    const name = row.name.trim();
    if (!name) continue;
    kept.add(name.toLowerCase());
    if (!row.sensitive || row.replacing) headers[name] = row.value;
  }
  const deleteHeaders = [...Object.keys(before.headers), ...before.sensitive].filter((n) => !kept.has(n.toLowerCase()));
  return { headers, deleteHeaders };
}
