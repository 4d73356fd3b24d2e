"use client";

import { useQuery } from "@tanstack/react-query";
import { Inbox } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { QueryError } from "@/components/portal/query-error";
import { usePortalHref } from "@/components/portal/session-context";
import { usePortal } from "@/lib/queries/provider";
import { ActivityCard } from "./activity-card";
import { AttemptList, AttemptListSkeleton } from "./attempt-list";
import { RECENT_LIMIT } from "./health";
import { useEndpointSearch } from "./search-params";
import { StatTiles } from "./stat-tiles";

/** How the endpoint is doing: deliveries over time, where they stand, the latest attempts. */
export function OverviewTab({ id }: { id: string }) {
  const t = useTranslations("endpoint.overview");
  const href = usePortalHref();
  const { queries } = usePortal();
  const [search, setSearch] = useEndpointSearch();
  const recent = useQuery(queries.endpoints.attempts(id, { limit: RECENT_LIMIT }));
  const rows = recent.data?.data ?? [];

  return (
    <div className="grid gap-5">
      <StatTiles id={id} range={search.range} />
      <ActivityCard id={id} range={search.range} onRange={(range) => setSearch({ range })} />
      <Card>
        <CardHeader>
          <CardTitle>{t("recent")}</CardTitle>
          {rows.length > 0 ? (
            <Link href={href(`endpoints/${encodeURIComponent(id)}/messages`)} className="text-[13px] font-medium text-primary hover:underline">
              {t("allAttempts")}
            </Link>
          ) : null}
        </CardHeader>
        {recent.isPending ? (
          <div aria-busy="true">
            <AttemptListSkeleton />
          </div>
        ) : recent.isError ? (
          <QueryError error={recent.error} onRetry={() => void recent.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState icon={<Inbox />} title={t("noAttemptsTitle")}>
            {t("noAttemptsBody")}
          </EmptyState>
        ) : (
          <AttemptList attempts={rows} label={t("recent")} />
        )}
      </Card>
    </div>
  );
}
