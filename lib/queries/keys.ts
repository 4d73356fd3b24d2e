/**
 * Query keys, defined once per resource. Nested: invalidating `endpoints.detail(id)` also
 * drops that endpoint's headers, stats, attempts…; `endpoints.all` drops every endpoint query.
 */
export const queryKeys = {
  session: ["session"] as const,
  endpoints: {
    all: ["endpoints"] as const,
    list: (query: object = {}) => ["endpoints", "list", query] as const,
    detail: (id: string) => ["endpoints", "detail", id] as const,
    headers: (id: string) => ["endpoints", "detail", id, "headers"] as const,
    secret: (id: string) => ["endpoints", "detail", id, "secret"] as const,
    stats: (id: string, query: object = {}) => ["endpoints", "detail", id, "stats", query] as const,
    activity: (id: string, query: object = {}) => ["endpoints", "detail", id, "activity", query] as const,
    attempts: (id: string, query: object = {}) => ["endpoints", "detail", id, "attempts", query] as const,
    recoverable: (id: string, query: object = {}) => ["endpoints", "detail", id, "recoverable", query] as const,
    missing: (id: string, query: object = {}) => ["endpoints", "detail", id, "missing", query] as const,
  },
  messages: {
    all: ["messages"] as const,
    list: (query: object = {}) => ["messages", "list", query] as const,
    detail: (id: string) => ["messages", "detail", id] as const,
    attempts: (id: string, query: object = {}) => ["messages", "detail", id, "attempts", query] as const,
    count: (query: object = {}) => ["messages", "count", query] as const,
  },
  eventTypes: {
    all: ["event-types"] as const,
  },
};
