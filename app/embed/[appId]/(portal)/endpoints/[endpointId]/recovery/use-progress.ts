"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { EndpointStats } from "@/lib/delivery-api/types-endpoints";
import { usePortal } from "@/lib/queries/provider";

const POLL_MS = 1000;
/**
 * An external delivery service runs recover and replay as background tasks that may take a
 * moment to start: nothing in flight that early does not mean done yet.
 */
const SETTLE_MS = 2500;

export type Progress = { inFlight: number | null; remaining: number | null; done: boolean };

const idle = (s: EndpointStats | undefined, updatedAt: number, startedAt: number): boolean =>
  s !== undefined && updatedAt > startedAt && s.pending + s.sending === 0 && updatedAt - startedAt >= SETTLE_MS;

/**
 * How a started recover or replay is going, from what the delivery service can tell (it keeps
 * no task status to ask): the window's messages still being sent to this endpoint and, for a
 * recover, those still failed. Done when nothing is in flight any more; polling stops then.
 */
export function useProgress(id: string, since: string, startedAt: number | null, kind: "recover" | "replay"): Progress {
  const { queries } = usePortal();
  const client = useQueryClient();
  const started = startedAt ?? Number.POSITIVE_INFINITY;
  const statsOptions = queries.endpoints.stats(id, { since });
  const stats = useQuery({
    ...statsOptions,
    enabled: startedAt !== null,
    staleTime: 0,
    refetchInterval: (q) => (idle(q.state.data, q.state.dataUpdatedAt, started) ? false : POLL_MS),
  });
  const failed = useQuery({
    ...queries.endpoints.recoverable(id, { since }),
    enabled: startedAt !== null && kind === "recover",
    staleTime: 0,
    // The count that says how it ended is the one read after the sending stopped.
    refetchInterval: (q) => {
      const s = client.getQueryState<EndpointStats>(statsOptions.queryKey);
      return s && idle(s.data, s.dataUpdatedAt, started) && q.state.dataUpdatedAt > s.dataUpdatedAt ? false : POLL_MS;
    },
  });
  const fresh = stats.data !== undefined && stats.dataUpdatedAt > started;
  const settled = idle(stats.data, stats.dataUpdatedAt, started);
  const counted = failed.data !== undefined && failed.dataUpdatedAt > (settled ? stats.dataUpdatedAt : started);
  const done = settled && (kind === "replay" || counted);
  return { inFlight: fresh ? stats.data.pending + stats.data.sending : null, remaining: counted ? failed.data.count : null, done };
}
