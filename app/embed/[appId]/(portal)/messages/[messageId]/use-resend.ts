"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/queries/keys";
import { usePortal } from "@/lib/queries/provider";

const POLL_MS = 1000;
/** A manual attempt is one request with the core's timeout; past this the list is left to refresh on its own. */
const POLL_FOR_MS = 30_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Resend to one endpoint, then watch that endpoint's newest attempt until a new one is there:
 * the attempt is only written once the receiver has answered, so the page asks again for a short
 * while and stops as soon as it arrives (or after POLL_FOR_MS), refreshing the message each time.
 */
export function useResend(messageId: string) {
  const { api, queries } = usePortal();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (endpointId: string): Promise<{ attemptId: string | null }> => {
      const newest = () => qc.fetchQuery({ ...queries.messages.attempts(messageId, { endpoint: endpointId, limit: 1 }), staleTime: 0 }).then((p) => p.data[0]?.id ?? null);
      const before = await newest();
      await api.resendMessage({ params: { id: messageId }, body: { endpointId } });
      await qc.invalidateQueries({ queryKey: queryKeys.messages.detail(messageId), exact: true });
      const deadline = Date.now() + POLL_FOR_MS;
      while (Date.now() < deadline) {
        await sleep(POLL_MS);
        const latest = await newest();
        if (latest !== null && latest !== before) return { attemptId: latest };
      }
      return { attemptId: null };
    },
    // The message and every list of its attempts: the new one shows wherever it belongs.
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.messages.detail(messageId) }),
  });
}
