"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { ActivityRange } from "@/lib/delivery-api/types-endpoints";

export const RANGES = ["24h", "7d", "30d"] as const satisfies readonly ActivityRange[];
export type AttemptFilter = "all" | "success" | "fail";

/** What the endpoint's tabs keep in the URL: the overview's range, the messages tab's filter and page. */
export type EndpointSearch = { range: ActivityRange; status: AttemptFilter; iterator: string | undefined };

export function parseEndpointSearch(params: URLSearchParams): EndpointSearch {
  const range = params.get("range");
  const status = params.get("status");
  const iterator = params.get("iterator");
  return {
    range: (RANGES as readonly string[]).includes(range ?? "") ? (range as ActivityRange) : "24h",
    status: status === "success" || status === "fail" ? status : "all",
    // The server checks it again; an iterator it cannot read is a 4xx the screen shows.
    iterator: iterator && iterator.length <= 300 ? iterator : undefined,
  };
}

/** Reads the search and replaces it (no history entry per click; the defaults stay out of the URL). */
export function useEndpointSearch(): [EndpointSearch, (next: Partial<EndpointSearch>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const search = parseEndpointSearch(new URLSearchParams(params.toString()));
  const set = (next: Partial<EndpointSearch>) => {
    const merged = { ...search, ...next };
    const out = new URLSearchParams();
    if (merged.range !== "24h") out.set("range", merged.range);
    if (merged.status !== "all") out.set("status", merged.status);
    if (merged.iterator) out.set("iterator", merged.iterator);
    const qs = out.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };
  return [search, set];
}
