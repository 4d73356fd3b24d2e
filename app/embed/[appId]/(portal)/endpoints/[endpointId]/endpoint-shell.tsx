"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { NewEndpointSecret } from "@/components/portal/new-endpoint-secret";
import { isNotFound, NotFoundState, QueryError } from "@/components/portal/query-error";
import { usePortalHref } from "@/components/portal/session-context";
import { RelativeTime, useFormats } from "@/components/portal/time";
import { usePortal } from "@/lib/queries/provider";
import { EndpointHealthBadge } from "../endpoint-row";
import { EndpointTabs } from "./endpoint-tabs";
import { DAY_MS, healthOf, RECENT_LIMIT, windowStart } from "./health";

function BackLink() {
  const t = useTranslations("endpoint");
  const href = usePortalHref();
  return (
    <Link href={href("endpoints")} className="inline-flex w-fit items-center gap-1 text-[13px] text-muted hover:text-fg">
      <ArrowLeft aria-hidden className="size-3.5" /> {t("back")}
    </Link>
  );
}

function HeaderSkeleton() {
  return (
    <div className="mb-5 grid gap-3" aria-busy="true">
      <Skeleton className="h-4 w-24" />
      <Skeleton className="h-7 w-2/3" />
      <Skeleton className="h-4 w-1/3" />
      <Skeleton className="mt-2 h-9 w-full" />
    </div>
  );
}

/**
 * The endpoint page around its tabs: which endpoint, how it is doing, and the tabs this session
 * may use. An id that names nothing in this application gets the portal's not-found.
 */
export function EndpointShell({ id, children }: { id: string; children: ReactNode }) {
  const t = useTranslations("endpoint");
  const f = useFormats();
  const { queries } = usePortal();
  const created = useSearchParams().get("created") === "1";
  const [since] = useState(() => windowStart(Date.now(), DAY_MS));
  const detail = useQuery(queries.endpoints.detail(id));
  const stats = useQuery({ ...queries.endpoints.stats(id, { since }), enabled: detail.isSuccess, placeholderData: keepPreviousData });
  const recent = useQuery({ ...queries.endpoints.attempts(id, { limit: RECENT_LIMIT }), enabled: detail.isSuccess });

  if (detail.isPending) return <HeaderSkeleton />;
  if (detail.isError) {
    if (isNotFound(detail.error)) return <NotFoundState action={<BackLink />} />;
    return (
      <Card>
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      </Card>
    );
  }
  const endpoint = healthOf(detail.data, stats.data, recent.data?.data ?? []);
  const h = endpoint.health;
  return (
    <>
      <div className="mb-4 grid gap-1.5">
        <BackLink />
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
          <div className="min-w-0 flex-1 basis-[28rem]">
            <h1 className="font-mono text-lg font-semibold tracking-tight break-all sm:text-xl">{endpoint.url}</h1>
            {endpoint.description ? <p className="mt-0.5 text-sm text-muted">{endpoint.description}</p> : null}
          </div>
          <div className="flex flex-wrap items-center gap-2 pt-1 text-xs text-muted">
            <EndpointHealthBadge endpoint={endpoint} />
            {h.failingSince ? (
              <span>
                {t("failingSince")} <RelativeTime date={h.failingSince} />
              </span>
            ) : h.successRate !== null ? (
              <span>{t("successRate", { rate: f.percent(h.successRate) })}</span>
            ) : null}
          </div>
        </div>
      </div>
      {created ? <NewEndpointSecret endpointId={endpoint.id} /> : null}
      <EndpointTabs id={id} />
      <div className="mt-5">{children}</div>
    </>
  );
}
