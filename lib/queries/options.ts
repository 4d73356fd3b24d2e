import { queryOptions } from "@tanstack/react-query";
import type { PortalApi } from "./fetchers";
import { queryKeys as keys } from "./keys";

type In<K extends keyof PortalApi> = NonNullable<Parameters<PortalApi[K]>[0]>;
type Query<K extends keyof PortalApi> = In<K> extends { query?: infer Q } ? Q : never;

/**
 * Every read of the BFF as TanStack Query options: the key from `keys`, the fetch from the
 * table. Screens use `useQuery(queries.endpoints.detail(id))`; mutations invalidate by key.
 */
export function portalQueries(api: PortalApi) {
  return {
    session: () => queryOptions({ queryKey: keys.session, queryFn: () => api.getSession() }),
    endpoints: {
      list: (query: Query<"listEndpoints"> = {}) => queryOptions({ queryKey: keys.endpoints.list(query), queryFn: () => api.listEndpoints({ query }) }),
      detail: (id: string) => queryOptions({ queryKey: keys.endpoints.detail(id), queryFn: () => api.getEndpoint({ params: { id } }) }),
      headers: (id: string) => queryOptions({ queryKey: keys.endpoints.headers(id), queryFn: () => api.getEndpointHeaders({ params: { id } }) }),
      // A secret is shown when asked for and never kept: no cache time beyond the view.
      secret: (id: string) =>
        queryOptions({ queryKey: keys.endpoints.secret(id), queryFn: () => api.getEndpointSecret({ params: { id } }), gcTime: 0, staleTime: 0 }),
      stats: (id: string, query: Query<"getEndpointStats"> = {}) =>
        queryOptions({ queryKey: keys.endpoints.stats(id, query), queryFn: () => api.getEndpointStats({ params: { id }, query }) }),
      activity: (id: string, query: Query<"getEndpointActivity"> = {}) =>
        queryOptions({ queryKey: keys.endpoints.activity(id, query), queryFn: () => api.getEndpointActivity({ params: { id }, query }) }),
      attempts: (id: string, query: Query<"listEndpointAttempts"> = {}) =>
        queryOptions({ queryKey: keys.endpoints.attempts(id, query), queryFn: () => api.listEndpointAttempts({ params: { id }, query }) }),
      recoverable: (id: string, query: Query<"countRecoverable">) =>
        queryOptions({ queryKey: keys.endpoints.recoverable(id, query), queryFn: () => api.countRecoverable({ params: { id }, query }) }),
      missing: (id: string, query: Query<"countMissing">) =>
        queryOptions({ queryKey: keys.endpoints.missing(id, query), queryFn: () => api.countMissing({ params: { id }, query }) }),
    },
    messages: {
      list: (query: Query<"listMessages"> = {}) => queryOptions({ queryKey: keys.messages.list(query), queryFn: () => api.listMessages({ query }) }),
      detail: (id: string) => queryOptions({ queryKey: keys.messages.detail(id), queryFn: () => api.getMessage({ params: { id } }) }),
      attempts: (id: string, query: Query<"listMessageAttempts"> = {}) =>
        queryOptions({ queryKey: keys.messages.attempts(id, query), queryFn: () => api.listMessageAttempts({ params: { id }, query }) }),
      count: (query: Query<"countMessages"> = {}) => queryOptions({ queryKey: keys.messages.count(query), queryFn: () => api.countMessages({ query }) }),
    },
    eventTypes: {
      list: () => queryOptions({ queryKey: keys.eventTypes.all, queryFn: () => api.listEventTypes() }),
    },
  };
}

export type PortalQueries = ReturnType<typeof portalQueries>;
