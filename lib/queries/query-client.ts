import { isServer, QueryClient } from "@tanstack/react-query";
import { ApiError } from "@/lib/http/api-error";

const MAX_RETRIES = 3;

/**
 * Retry only what may pass on its own: the network, or the delivery service being briefly away.
 * A 4xx will answer the same again, and a 401 has already been through the session client's refresh.
 */
function shouldRetry(failures: number, err: unknown): boolean {
  if (failures >= MAX_RETRIES) return false;
  return err instanceof ApiError && (err.code === "offline" || err.code === "core_unavailable");
}

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Data fetched while rendering on the server is not refetched the instant the page hydrates.
      queries: { staleTime: 30_000, retry: shouldRetry },
      mutations: { retry: false },
    },
  });
}

let browserClient: QueryClient | undefined;

/** A new client per server render (nothing shared between users); one for the browser's lifetime. */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  return (browserClient ??= makeQueryClient());
}
