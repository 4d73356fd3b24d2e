"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowRight, Send } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/states";
import { DeliveryStatus } from "@/components/portal/delivery-status";
import { QueryError } from "@/components/portal/query-error";
import { useCan, usePortalHref } from "@/components/portal/session-context";
import { useFormats } from "@/components/portal/time";
import type { SentExample } from "@/lib/delivery-api/types-endpoints";
import { ApiError } from "@/lib/http/api-error";
import { queryKeys } from "@/lib/queries/keys";
import { usePortal } from "@/lib/queries/provider";

/** How long to watch for the first attempt; the message page has the rest of the story. */
const WATCH_MS = 60_000;
const POLL_MS = 1_000;

/** The first attempt of a sent example as it arrives: status, code, duration, the message's page. */
function SentAttempt({ sent }: { sent: SentExample }) {
  const t = useTranslations("eventTypes.send");
  const f = useFormats();
  const href = usePortalHref();
  const { queries } = usePortal();
  const [since] = useState(() => Date.now());
  const attempts = useQuery({
    ...queries.messages.attempts(sent.messageId, { endpoint: sent.endpointId }),
    refetchInterval: (q) => ((q.state.data?.data.length ?? 0) > 0 || Date.now() - since > WATCH_MS ? false : POLL_MS),
  });
  // Oldest on the page: the example's first attempt (a failing receiver gets retries later).
  const first = attempts.data?.data.at(-1);
  const gaveUp = !first && attempts.dataUpdatedAt - since > WATCH_MS;
  const link = (
    <Link href={href(`messages/${sent.messageId}`)} className="inline-flex items-center gap-1 text-sm font-medium text-primary hover:underline">
      {t("viewMessage")} <ArrowRight aria-hidden className="size-3.5" />
    </Link>
  );
  return (
    <div role="status" className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md border border-border bg-surface-2/50 px-3 py-2.5 text-sm" data-attempt={first?.status}>
      {first ? (
        <>
          <DeliveryStatus status={first.status} />
          <span className="font-mono text-[13px]">{first.statusCode === 0 ? t("noResponse") : t("statusCode", { code: first.statusCode })}</span>
          <span className="text-muted">{f.duration(first.durationMs)}</span>
        </>
      ) : attempts.isError ? (
        <span className="text-danger">{t("watchFailed")}</span>
      ) : gaveUp ? (
        <span className="text-muted">{t("stillWaiting")}</span>
      ) : (
        <span className="flex items-center gap-2 text-muted">
          <Spinner className="size-3.5" /> {t("waiting")}
        </span>
      )}
      <span className="ml-auto">{link}</span>
    </div>
  );
}

/**
 * Sends the type's example to one endpoint that would receive it (enabled, and subscribed to the
 * type or to everything), then watches the attempt arrive.
 */
export function SendExample({ eventType }: { eventType: string }) {
  const t = useTranslations("eventTypes.send");
  const { api, queries } = usePortal();
  const qc = useQueryClient();
  const href = usePortalHref();
  const canManage = useCan("ManageEndpoint");
  const endpoints = useQuery(queries.endpoints.list({ limit: 250 }));
  const [picked, setPicked] = useState("");
  const send = useMutation({
    mutationFn: (id: string) => api.sendExample({ params: { id }, body: { eventType } }),
    // The log and the endpoint's numbers now have one more message.
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: queryKeys.messages.all }), qc.invalidateQueries({ queryKey: queryKeys.endpoints.all })]),
  });

  if (endpoints.isPending) {
    return (
      <p className="flex items-center gap-2 text-sm text-muted">
        <Spinner className="size-3.5" /> {t("loadingEndpoints")}
      </p>
    );
  }
  if (endpoints.isError) return <QueryError error={endpoints.error} onRetry={() => void endpoints.refetch()} className="py-4" />;

  const receivers = endpoints.data.data.filter((ep) => !ep.disabled && (ep.filterTypes === null || ep.filterTypes.includes(eventType)));
  if (receivers.length === 0) {
    return (
      <p className="text-sm text-muted">
        {t("noReceivers", { type: eventType })}{" "}
        {canManage ? (
          <Link href={href("endpoints/new")} className="font-medium text-primary hover:underline">
            {t("addEndpoint")}
          </Link>
        ) : null}
      </p>
    );
  }
  const chosen = receivers.some((ep) => ep.id === picked) ? picked : receivers[0]!.id;
  const error = send.error instanceof ApiError ? send.error.message : send.error ? t("sendFailed") : null;

  return (
    <div className="grid gap-3">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate(chosen);
        }}
      >
        <Field label={t("endpoint")} error={error} className="min-w-0 flex-1 basis-64">
          <Select
            value={chosen}
            onValueChange={(v) => {
              setPicked(v);
              send.reset();
            }}
            className="w-full"
            options={receivers.map((ep) => ({
              value: ep.id,
              label: <span className="font-mono text-[13px]">{ep.url}</span>,
            }))}
          />
        </Field>
        <Button type="submit" variant="primary" disabled={send.isPending}>
          {send.isPending ? <Spinner className="size-3.5" /> : <Send aria-hidden />} {t("submit")}
        </Button>
      </form>
      {send.data ? <SentAttempt key={send.data.messageId} sent={send.data} /> : null}
    </div>
  );
}
