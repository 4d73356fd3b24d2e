"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { catalogSearch, parseCatalogParams, type CatalogParams } from "./search-params";

/**
 * The catalog's URL state. Changes go through the History API, which Next.js folds into
 * useSearchParams: picking a type or typing a search re-renders here without a server round trip
 * (the portal's layout is dynamic, so a router navigation would render it again on the server).
 */
export function useCatalogParams() {
  const sp = useSearchParams();
  const pathname = usePathname();
  const params = useMemo(() => parseCatalogParams(sp), [sp]);
  const hrefFor = useCallback((patch: Partial<CatalogParams>) => pathname + catalogSearch({ ...params, ...patch }), [pathname, params]);
  /** `push` for a discrete step back/forward should undo (a selection), `replace` for typing. */
  const set = useCallback(
    (patch: Partial<CatalogParams>, how: "push" | "replace") => {
      const url = hrefFor(patch);
      if (how === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [hrefFor],
  );
  return { params, hrefFor, set };
}
