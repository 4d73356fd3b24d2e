"use client";

import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { RelativeTime, useFormats } from "@/components/portal/time";
import type { EndpointWithHealth } from "@/lib/delivery-api/types-endpoints";

/** Enabled, disabled (and why), failing since when, or healthy with its success rate. */
export function EndpointHealthBadge({ endpoint }: { endpoint: EndpointWithHealth }) {
  const t = useTranslations("endpoints.health");
  const h = endpoint.health;
  if (endpoint.disabled) {
    return <Badge tone="neutral">{h.disabledReason === "auto" ? t("disabledAuto") : t("disabled")}</Badge>;
  }
  if (h.failingSince) return <Badge tone="danger">{t("failing")}</Badge>;
  if (h.inFlight > 0 && h.delivered === 0 && h.failed === 0) return <Badge tone="info">{t("sending")}</Badge>;
  return <Badge tone="success">{t("enabled")}</Badge>;
}

function EventsSummary({ types }: { types: string[] | null }) {
  const t = useTranslations("endpoints");
  if (!types) return <span className="text-muted">{t("allEvents")}</span>;
  const [first, second] = types;
  const rest = types.length - 2;
  return (
    <span className="flex min-w-0 flex-wrap gap-1">
      {[first, second].filter(Boolean).map((name) => (
        <code key={name} className="truncate rounded bg-surface-2 px-1.5 py-0.5 text-xs">
          {name}
        </code>
      ))}
      {rest > 0 ? <span className="text-xs text-muted">{t("moreEvents", { count: rest })}</span> : null}
    </span>
  );
}

/** One endpoint as a row: a link to its page, the facts a user scans for, stacked on narrow frames. */
export function EndpointRow({ endpoint: ep, href }: { endpoint: EndpointWithHealth; href: string }) {
  const t = useTranslations("endpoints");
  const f = useFormats();
  const h = ep.health;
  return (
    <li className="group relative grid grid-cols-[1fr_auto] items-center gap-x-4 gap-y-1.5 px-4 py-3 hover:bg-surface-2/50 md:grid-cols-[minmax(0,2.2fr)_minmax(0,1.4fr)_minmax(0,1.3fr)_auto]">
      <div className="min-w-0">
        <Link href={href} className="block truncate font-mono text-[13px] font-medium after:absolute after:inset-0 focus-visible:outline-none">
          {ep.url}
        </Link>
        {ep.description ? <p className="truncate text-xs text-muted">{ep.description}</p> : null}
      </div>
      <div className="col-span-2 row-start-2 flex flex-wrap items-center gap-2 text-xs md:col-span-1 md:row-start-1 md:col-start-2">
        <EndpointHealthBadge endpoint={ep} />
        <span className="text-muted">
          {h.failingSince ? (
            <>
              {t("health.failingSince")} <RelativeTime date={h.failingSince} className="relative z-10" />
            </>
          ) : h.successRate !== null ? (
            t("health.successRate", { rate: f.percent(h.successRate) })
          ) : (
            t("health.noTraffic")
          )}
        </span>
      </div>
      <div className="col-span-2 row-start-3 min-w-0 text-xs md:col-span-1 md:row-start-1 md:col-start-3">
        <EventsSummary types={ep.filterTypes} />
      </div>
      <ChevronRight aria-hidden className="col-start-2 row-start-1 size-4 text-muted md:col-start-4" />
    </li>
  );
}

export function EndpointRowsSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div className="divide-y divide-border" aria-hidden>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="grid gap-2 px-4 py-4 md:grid-cols-[2.2fr_1.4fr_1.3fr]">
          <Skeleton className="h-4 w-3/4" />
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-4 w-2/3" />
        </div>
      ))}
    </div>
  );
}
