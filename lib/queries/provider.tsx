"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { SessionClient } from "@/lib/session/client";
import { createPortalApi, type PortalApi } from "./fetchers";
import { portalQueries, type PortalQueries } from "./options";
import { getQueryClient } from "./query-client";

type Portal = { api: PortalApi; queries: PortalQueries };

const PortalContext = createContext<Portal | null>(null);

/** Gives the screens the typed fetchers and query options, bound to the page's session client. */
export function PortalQueryProvider({ session, children }: { session: SessionClient; children: ReactNode }) {
  const portal = useMemo(() => {
    const api = createPortalApi(session);
    return { api, queries: portalQueries(api) };
  }, [session]);
  return (
    <QueryClientProvider client={getQueryClient()}>
      <PortalContext.Provider value={portal}>{children}</PortalContext.Provider>
    </QueryClientProvider>
  );
}

/** `const { api, queries } = usePortal(); useQuery(queries.endpoints.list())`. */
export function usePortal(): Portal {
  const portal = useContext(PortalContext);
  if (!portal) throw new Error("usePortal() outside <PortalQueryProvider>");
  return portal;
}
