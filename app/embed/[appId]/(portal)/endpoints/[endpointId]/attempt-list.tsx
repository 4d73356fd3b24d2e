"use client";

import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Skeleton } from "@/components/ui/skeleton";
import { DeliveryStatus } from "@/components/portal/delivery-status";
import { usePortalHref } from "@/components/portal/session-context";
import { RelativeTime, useFormats } from "@/components/portal/time";
import type { Attempt } from "@/lib/delivery-api/types-attempts";

const ROW = "grid grid-cols-[auto_1fr_auto] items-center gap-x-3 gap-y-1 px-4 py-2.5 md:grid-cols-[7.5rem_4.5rem_5rem_minmax(0,1fr)_8rem]";

/** The receiver's answer as the list shows it: its status code, or that none came back. */
function StatusCode({ code }: { code: number }) {
  const t = useTranslations("endpoint.attempts");
  if (code === 0) return <span className="text-xs text-muted">{t("noResponse")}</span>;
  return <span className={code >= 200 && code < 300 ? "font-mono text-[13px]" : "font-mono text-[13px] text-danger"}>{code}</span>;
}

function ResponseBody({ attempt }: { attempt: Attempt }) {
  const t = useTranslations("endpoint.attempts");
  return (
    <details className="group col-span-full md:col-start-2">
      <summary className="flex w-fit cursor-pointer list-none items-center gap-1 rounded text-xs text-muted hover:text-fg [&::-webkit-details-marker]:hidden">
        <ChevronRight aria-hidden className="size-3.5 transition-transform group-open:rotate-90" />
        {t("response")}
      </summary>
      {attempt.response ? (
        <pre className="mt-1.5 max-h-60 overflow-auto rounded-md border border-border bg-surface-2 p-2.5 font-mono text-xs break-all whitespace-pre-wrap">{attempt.response}</pre>
      ) : (
        <p className="mt-1.5 text-xs text-muted">{t("emptyResponse")}</p>
      )}
    </details>
  );
}

/**
 * Attempts at one endpoint, newest first: outcome, the receiver's status code, how long it
 * took, which message, when. Columns on wide frames, two lines on narrow ones.
 */
export function AttemptList({ attempts, label, withResponse = false }: { attempts: Attempt[]; label: string; withResponse?: boolean }) {
  const t = useTranslations("endpoint.attempts");
  const f = useFormats();
  const href = usePortalHref();
  return (
    <>
      <div aria-hidden className={`${ROW} hidden border-b border-border bg-surface-2/60 py-2 text-xs font-medium text-muted md:grid`}>
        <span>{t("status")}</span>
        <span>{t("code")}</span>
        <span>{t("duration")}</span>
        <span>{t("message")}</span>
        <span className="text-right">{t("time")}</span>
      </div>
      <ul aria-label={label} className="divide-y divide-border">
        {attempts.map((a) => (
          <li key={a.id} className={ROW}>
            <span>
              <DeliveryStatus status={a.status} />
            </span>
            <span className="flex items-center gap-3 justify-self-start md:contents">
              <StatusCode code={a.statusCode} />
              <span className="text-[13px] text-muted tabular-nums md:text-fg">{f.duration(a.durationMs)}</span>
            </span>
            <span className="col-span-2 row-start-2 min-w-0 md:col-span-1 md:row-start-auto">
              <Link href={href(`messages/${encodeURIComponent(a.messageId)}`)} className="block truncate font-mono text-[13px] text-primary hover:underline">
                <span className="sr-only">{t("openMessage")} </span>
                {a.messageId}
              </Link>
            </span>
            <span className="col-start-3 row-start-1 text-right text-xs text-muted md:col-start-auto md:row-start-auto">
              <RelativeTime date={a.timestamp} />
            </span>
            {withResponse ? <ResponseBody attempt={a} /> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function AttemptListSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div className="divide-y divide-border" aria-hidden>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="grid grid-cols-[7.5rem_1fr_6rem] gap-3 px-4 py-3">
          <Skeleton className="h-5 w-20 rounded-full" />
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-full" />
        </div>
      ))}
    </div>
  );
}
