import type { ActivityBucket } from "@/lib/delivery-api/types-endpoints";

export type ActivityPoint = { start: string; success: number; fail: number; sending: number };

/** Buckets as chart rows, and the totals the text summary states. */
export function toActivitySeries(buckets: ActivityBucket[]): { points: ActivityPoint[]; totals: { success: number; fail: number; sending: number } } {
  const totals = { success: 0, fail: 0, sending: 0 };
  const points = buckets.map((b) => {
    totals.success += b.success;
    totals.fail += b.fail;
    totals.sending += b.sending;
    return { start: b.start, success: b.success, fail: b.fail, sending: b.sending };
  });
  return { points, totals };
}
