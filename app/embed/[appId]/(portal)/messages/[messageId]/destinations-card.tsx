"use client";

import { RotateCw, Send } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { Spinner } from "@/components/ui/states";
import { DeliveryStatus, type ShownStatus } from "@/components/portal/delivery-status";
import { useCan, usePortalHref } from "@/components/portal/session-context";
import { RelativeTime } from "@/components/portal/time";
import { ApiError } from "@/lib/http/api-error";
import type { MessageDestination, MessageDetail } from "@/lib/delivery-api/types-messages";
import { useResend } from "./use-resend";

/** A destination waiting on a scheduled retry reads as retrying, not as a first send. */
export function destinationStatus(d: MessageDestination): ShownStatus {
  if ((d.status === "sending" || d.status === "pending") && d.nextAttempt) return "retrying";
  return d.status;
}

function ResendButton({ messageId, endpointId, url }: { messageId: string; endpointId: string; url: string }) {
  const t = useTranslations("message.destinations");
  const resend = useResend(messageId);
  const error = resend.error instanceof ApiError ? resend.error.message : resend.error ? t("resendFailed") : null;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" onClick={() => resend.mutate(endpointId)} disabled={resend.isPending} aria-label={t("resendTo", { url })}>
        {resend.isPending ? <Spinner className="size-3.5" /> : <RotateCw aria-hidden />}
        <span aria-live="polite">{resend.isPending ? t("resending") : t("resend")}</span>
      </Button>
      {error ? (
        <p role="alert" className="max-w-64 text-right text-xs text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Every endpoint the message went to, its state there, and a manual resend per endpoint. */
export function DestinationsCard({ message }: { message: MessageDetail }) {
  const t = useTranslations("message.destinations");
  const href = usePortalHref();
  const canResend = useCan("CreateAttempts");
  return (
    <Card aria-labelledby="destinations-title">
      <CardHeader>
        <CardTitle id="destinations-title">{t("title")}</CardTitle>
        <span className="text-xs text-muted">{t("count", { count: message.destinations.length })}</span>
      </CardHeader>
      {message.destinations.length === 0 ? (
        <EmptyState icon={<Send />} title={t("emptyTitle")}>
          {t("emptyBody")}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-border">
          {message.destinations.map((d) => {
            const status = destinationStatus(d);
            return (
              <li key={d.endpointId} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 gap-y-2 px-4 py-3 md:grid-cols-[minmax(0,2fr)_minmax(0,1.2fr)_auto]">
                <div className="col-span-2 min-w-0 md:col-span-1">
                  <Link href={href(`endpoints/${d.endpointId}`)} className="block truncate font-mono text-[13px] font-medium hover:underline">
                    {d.url}
                  </Link>
                  {d.description ? <p className="truncate text-xs text-muted">{d.description}</p> : null}
                </div>
                <div className="flex min-w-0 flex-wrap items-center gap-2 text-xs">
                  <DeliveryStatus status={status} />
                  {d.nextAttempt && status !== "success" ? (
                    <span className="text-muted">
                      {t("nextAttempt")} <RelativeTime date={d.nextAttempt} />
                    </span>
                  ) : null}
                </div>
                {canResend ? <ResendButton messageId={message.id} endpointId={d.endpointId} url={d.url} /> : <span />}
              </li>
            );
          })}
        </ul>
      )}
      {!message.destinationsComplete ? <p className="border-t border-border px-4 py-2.5 text-xs text-muted">{t("incomplete")}</p> : null}
    </Card>
  );
}
