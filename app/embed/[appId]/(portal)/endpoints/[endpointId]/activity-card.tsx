"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useFormatter, useTranslations } from "next-intl";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { QueryError } from "@/components/portal/query-error";
import { useFormats } from "@/components/portal/time";
import { toActivitySeries } from "@/components/charts/activity-series";
import type { ActivityRange } from "@/lib/delivery-api/types-endpoints";
import { usePortal } from "@/lib/queries/provider";
import { RANGES } from "./search-params";

// recharts is large: only this tab loads it, after the rest of the page is on screen.
const ActivityChart = dynamic(() => import("@/components/charts/activity-chart").then((m) => m.ActivityChart), {
  ssr: false,
  loading: () => <Skeleton className="h-56 w-full" />,
});

function RangePicker({ range, onChange }: { range: ActivityRange; onChange: (r: ActivityRange) => void }) {
  const t = useTranslations("endpoint.overview");
  return (
    <div role="group" aria-label={t("range")} className="inline-flex gap-0.5 rounded-lg bg-surface-2 p-0.5">
      {RANGES.map((r) => (
        <button
          key={r}
          type="button"
          aria-pressed={r === range}
          onClick={() => onChange(r)}
          className={cn("rounded-md px-2.5 py-1 text-[13px] font-medium", r === range ? "bg-surface text-fg shadow-xs" : "text-muted hover:text-fg")}
        >
          {t(`ranges.${r}`)}
        </button>
      ))}
    </div>
  );
}

/** Deliveries over time by outcome: a chart for the eye, a sentence and a table for everyone. */
export function ActivityCard({ id, range, onRange }: { id: string; range: ActivityRange; onRange: (r: ActivityRange) => void }) {
  const t = useTranslations("endpoint.overview");
  const f = useFormats();
  const format = useFormatter();
  const { queries } = usePortal();
  const activity = useQuery({ ...queries.endpoints.activity(id, { range }), placeholderData: keepPreviousData });
  const loading = activity.isPending || (activity.isPlaceholderData && activity.isFetching);
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const tick = (iso: string) =>
    format.dateTime(new Date(iso), range === "24h" ? { hour: "2-digit", minute: "2-digit", timeZone: tz } : { month: "short", day: "numeric", timeZone: tz });
  const label = (iso: string) =>
    format.dateTime(new Date(iso), range === "24h" ? { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: tz } : { dateStyle: "medium", timeZone: tz });
  const labels = { success: t("series.success"), fail: t("series.fail"), sending: t("series.sending") };

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("activity")}</CardTitle>
        <RangePicker range={range} onChange={onRange} />
      </CardHeader>
      <div className="p-4" aria-busy={loading ? "true" : undefined}>
        {activity.isError ? (
          <QueryError error={activity.error} onRetry={() => void activity.refetch()} />
        ) : !activity.data ? (
          <>
            <Skeleton className="mb-3 h-4 w-2/3" />
            <Skeleton className="h-56 w-full" />
          </>
        ) : (
          <ActivityBody
            data={toActivitySeries(activity.data.buckets)}
            range={range}
            labels={labels}
            tick={tick}
            label={label}
            number={f.number}
          />
        )}
      </div>
    </Card>
  );
}

function ActivityBody({
  data,
  range,
  labels,
  tick,
  label,
  number,
}: {
  data: ReturnType<typeof toActivitySeries>;
  range: ActivityRange;
  labels: { success: string; fail: string; sending: string };
  tick: (iso: string) => string;
  label: (iso: string) => string;
  number: (n: number) => string;
}) {
  const t = useTranslations("endpoint.overview");
  const { totals, points } = data;
  const empty = totals.success + totals.fail + totals.sending === 0;
  return (
    <>
      <p className="mb-3 text-sm text-muted" data-testid="activity-summary">
        {empty
          ? t("summaryEmpty", { range: t(`rangeNames.${range}`) })
          : t("summary", { range: t(`rangeNames.${range}`), success: totals.success, fail: totals.fail, sending: totals.sending })}
      </p>
      <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted" aria-hidden>
        <li className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm bg-success" /> {labels.success}
        </li>
        <li className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm bg-danger" /> {labels.fail}
        </li>
        <li className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm bg-info" /> {labels.sending}
        </li>
      </ul>
      <ActivityChart points={points} labels={labels} formatTick={tick} formatLabel={label} formatNumber={number} />
      {/* The wrapper hides it: a table sizes to its content whatever its own width says. */}
      <div className="sr-only">
        <table>
          <caption>{t("tableCaption", { range: t(`rangeNames.${range}`) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("bucket")}</th>
              <th scope="col">{labels.success}</th>
              <th scope="col">{labels.fail}</th>
              <th scope="col">{labels.sending}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.start}>
                <th scope="row">{label(p.start)}</th>
                <td>{number(p.success)}</td>
                <td>{number(p.fail)}</td>
                <td>{number(p.sending)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
