"use client";

import { Check, ChevronRight, Copy } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type ComponentProps } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { DeliveryStatus } from "@/components/portal/delivery-status";
import { RelativeTime } from "@/components/portal/time";
import type { MessageSummary } from "@/lib/delivery-api/types-messages";

/** The row grid, shared by the header, the rows and the skeleton so the columns line up. */
export const ROW_GRID =
  "grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 gap-y-1.5 px-4 md:grid-cols-[minmax(0,1.3fr)_minmax(0,1.6fr)_minmax(0,1.2fr)_7.5rem_1rem]";

/** An id in mono, cut to fit, with a copy button that shows on hover and keyboard focus. */
function CopyableId({ value, label }: { value: string; label: string }) {
  const t = useTranslations("messages");
  const [copied, setCopied] = useState(false);
  async function copy(): Promise<void> {
    await navigator.clipboard.writeText(value);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }
  return (
    <span className="group/id relative z-10 flex min-w-0 items-center gap-1">
      <span className="truncate font-mono text-[12.5px]" title={value}>
        {value}
      </span>
      <button
        type="button"
        onClick={() => void copy()}
        aria-label={copied ? t("copied") : t("copyId", { what: label })}
        className="grid size-6 shrink-0 place-items-center rounded text-muted opacity-0 group-hover/id:opacity-100 hover:bg-surface-2 hover:text-fg focus-visible:opacity-100 [@media(hover:none)]:opacity-100"
      >
        {copied ? <Check aria-hidden className="size-3.5" /> : <Copy aria-hidden className="size-3.5" />}
      </button>
    </span>
  );
}

/** One message: a link to its page, what a user scans for, stacked on narrow frames. */
export function MessageRow({ message: m, href, ...li }: { message: MessageSummary; href: string } & Omit<ComponentProps<"li">, "children">) {
  const t = useTranslations("messages");
  const status = m.status ?? "none";
  const waiting = (status === "retrying" || status === "sending" || status === "pending") && m.nextAttempt;
  return (
    <li {...li} className={`group relative py-2.5 hover:bg-surface-2/50 ${ROW_GRID}`}>
      <div className="min-w-0">
        <Link href={href} className="inline-block max-w-full truncate rounded bg-surface-2 px-1.5 py-0.5 font-mono text-xs font-medium after:absolute after:inset-0 focus-visible:outline-none">
          {m.eventType}
        </Link>
      </div>
      <div className="col-span-2 row-start-2 grid min-w-0 gap-0.5 md:col-span-1 md:row-start-1 md:col-start-2">
        <CopyableId value={m.id} label={t("messageId")} />
        {m.eventId ? (
          <span className="flex min-w-0 items-center gap-1 text-xs text-muted">
            <span className="shrink-0">{t("eventIdShort")}</span>
            <CopyableId value={m.eventId} label={t("eventId")} />
          </span>
        ) : null}
      </div>
      <div className="col-span-2 row-start-3 flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-xs md:col-span-1 md:row-start-1 md:col-start-3">
        <DeliveryStatus status={status} />
        {waiting ? (
          <span className="text-muted">
            {t("nextAttempt")} <RelativeTime date={m.nextAttempt!} className="relative z-10" />
          </span>
        ) : null}
      </div>
      <div className="col-start-2 row-start-1 text-right text-xs whitespace-nowrap text-muted md:col-start-4">
        <RelativeTime date={m.timestamp} className="relative z-10" />
      </div>
      <ChevronRight aria-hidden className="hidden size-4 text-muted md:col-start-5 md:row-start-1 md:block" />
    </li>
  );
}

/** Column names above the rows (wide frames only: stacked rows name nothing). */
export function MessageRowsHeader() {
  const t = useTranslations("messages");
  return (
    <div aria-hidden className={`hidden border-b border-border bg-surface-2/60 py-2 text-xs font-medium text-muted md:grid ${ROW_GRID}`}>
      <span>{t("columns.eventType")}</span>
      <span>{t("columns.message")}</span>
      <span>{t("columns.status")}</span>
      <span className="text-right">{t("columns.time")}</span>
      <span />
    </div>
  );
}

export function MessageRowsSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div className="divide-y divide-border" aria-hidden>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className={`py-3.5 ${ROW_GRID}`}>
          <Skeleton className="h-4 w-28" />
          <Skeleton className="col-span-2 h-4 w-3/4 md:col-span-1" />
          <Skeleton className="hidden h-4 w-20 md:block" />
          <Skeleton className="ml-auto h-4 w-16" />
        </div>
      ))}
    </div>
  );
}
