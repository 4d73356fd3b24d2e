import type { applications, endpoints, eventTypes, messageAttempts, messages } from "./schema";

/** Selected rows of the core's tables, shared by the API, the queue and the dispatcher. */
export type AppRow = typeof applications.$inferSelect;
export type EndpointRow = typeof endpoints.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type AttemptRow = typeof messageAttempts.$inferSelect;
export type EventTypeRow = typeof eventTypes.$inferSelect;
