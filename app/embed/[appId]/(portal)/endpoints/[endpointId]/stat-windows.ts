import type { ActivityRange } from "@/lib/delivery-api/types-endpoints";
import { DAY_MS, windowStart } from "./health";

const LENGTH: Record<ActivityRange, number> = { "24h": DAY_MS, "7d": 7 * DAY_MS, "30d": 30 * DAY_MS };

/**
 * The stats windows that cover a range. The delivery service answers at most 28 days per call,
 * so 30 days are asked for as two halves and added up.
 */
export function statWindows(range: ActivityRange, now: number): { since: string; until?: string }[] {
  const since = windowStart(now, LENGTH[range]);
  if (range !== "30d") return [{ since }];
  const middle = windowStart(now, 15 * DAY_MS);
  return [{ since, until: new Date(new Date(middle).getTime() - 1).toISOString() }, { since: middle }];
}
