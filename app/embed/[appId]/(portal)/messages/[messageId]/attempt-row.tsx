"use client";

import { ChevronRight } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import { DeliveryStatus } from "@/components/portal/delivery-status";
import { useFormats } from "@/components/portal/time";
import type { Attempt } from "@/lib/delivery-api/types-attempts";

/** A JSON response reads better indented; anything else is shown as it came. */
function readable(body: string): string {
  const trimmed = body.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return body;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return body;
  }
}

/** One attempt: outcome, code, where, how it was triggered, how long, when; the response opens below. */
export function AttemptRow({ attempt: a, open, onToggle, showEndpoint }: { attempt: Attempt; open: boolean; onToggle: () => void; showEndpoint: boolean }) {
  const t = useTranslations("message.attempts");
  const f = useFormats();
  const panel = `response-${a.id}`;
  return (
    <li data-attempt={a.id}>
      {/* Narrow: outcome, then where, then how and when; wide: one row of columns. */}
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panel}
        onClick={onToggle}
        className="grid w-full grid-cols-[auto_minmax(0,1fr)] items-center gap-x-3 gap-y-1 px-4 py-2.5 text-left text-sm hover:bg-surface-2/50 md:grid-cols-[auto_10rem_minmax(0,1fr)_6rem_5rem_auto]"
      >
        <ChevronRight aria-hidden className={cn("size-4 text-muted transition-transform", open && "rotate-90")} />
        <span className="flex items-center gap-2">
          <DeliveryStatus status={a.status} />
          <span className={cn("font-mono text-[13px]", a.statusCode === 0 && "text-muted")}>{a.statusCode === 0 ? t("noResponse") : a.statusCode}</span>
        </span>
        {showEndpoint ? (
          <span className="col-start-2 min-w-0 truncate font-mono text-xs text-muted md:col-start-auto">{a.url}</span>
        ) : (
          <span aria-hidden className="hidden md:block" />
        )}
        <span className="col-start-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs md:contents">
          <span>
            <Badge tone={a.trigger === "manual" ? "info" : "neutral"}>{a.trigger === "manual" ? t("manual") : t("scheduled")}</Badge>
          </span>
          <span className="text-muted tabular-nums md:text-right">{f.duration(a.durationMs)}</span>
          <time dateTime={a.timestamp} className="text-muted md:text-right">
            {f.exact(a.timestamp)}
          </time>
        </span>
      </button>
      {open ? (
        <div id={panel} className="border-t border-border bg-surface-2/40 px-4 py-3">
          <div className="mb-2 flex items-center justify-between gap-2">
            <h3 className="text-xs font-medium text-muted">{t("response")}</h3>
            {a.response ? <CopyButton value={a.response} label={t("copyResponse")} copiedLabel={t("copied")} className="h-7 px-2 text-xs" /> : null}
          </div>
          {a.response ? (
            <pre role="region" tabIndex={0} aria-label={t("response")} className="max-h-64 overflow-auto rounded-md border border-border bg-surface p-3 font-mono text-xs leading-5 break-all whitespace-pre-wrap">
              {readable(a.response)}
            </pre>
          ) : (
            <p className="text-xs text-muted">{t("emptyResponse")}</p>
          )}
        </div>
      ) : null}
    </li>
  );
}
