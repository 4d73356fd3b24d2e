import type { Attempt } from "@/lib/delivery-api/types-attempts";
import type { Endpoint, EndpointHealth, EndpointStats, EndpointWithHealth } from "@/lib/delivery-api/types-endpoints";

const MINUTE = 60_000;
export const DAY_MS = 86_400_000;
/** Attempts the header reads for its health; the overview's recent list is the same query. */
export const RECENT_LIMIT = 10;

/**
 * The start of a window ending now, to the minute: the same key for every query of the page
 * within a minute (the header and the overview share the 24-hour stats), a fresh one after.
 */
export function windowStart(now: number, lengthMs: number): string {
  return new Date(Math.floor(now / MINUTE) * MINUTE - lengthMs).toISOString();
}

/**
 * An endpoint's health as the list shows it, from what the endpoint page reads anyway: its
 * 24-hour stats and its latest attempts (newest first). Failing since the oldest failure after
 * the last success among them; when all of them failed, at least since the oldest one read.
 */
export function healthOf(endpoint: Endpoint, stats: EndpointStats | undefined, latest: Attempt[]): EndpointWithHealth {
  const delivered = stats?.success ?? 0;
  const failed = stats?.fail ?? 0;
  const inFlight = (stats?.pending ?? 0) + (stats?.sending ?? 0);
  const total = delivered + failed + inFlight;
  const lastSuccess = latest.findIndex((a) => a.status === "success");
  const failures = (lastSuccess === -1 ? latest : latest.slice(0, lastSuccess)).filter((a) => a.status === "fail");
  const health: EndpointHealth = {
    window: "24h",
    delivered,
    failed,
    inFlight,
    successRate: total === 0 ? null : delivered / total,
    lastAttemptAt: latest[0]?.timestamp ?? null,
    failingSince: latest[0]?.status === "fail" ? (failures[failures.length - 1]?.timestamp ?? null) : null,
    disabledReason: endpoint.disabled ? "unknown" : null,
  };
  return { ...endpoint, health };
}
