"use client";

import { keepPreviousData, useQueries } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { QueryError } from "@/components/portal/query-error";
import { useFormats } from "@/components/portal/time";
import type { ActivityRange, EndpointStats } from "@/lib/delivery-api/types-endpoints";
import { usePortal } from "@/lib/queries/provider";
import { statWindows } from "./stat-windows";

function Tile({ label, value, tone }: { label: string; value: string; tone?: "success" | "danger" }) {
  return (
    <div className="rounded-lg border border-border bg-surface px-4 py-3 shadow-xs">
      <dt className="text-xs font-medium text-muted">{label}</dt>
      <dd className={`mt-1 text-xl font-semibold tabular-nums ${tone === "success" ? "text-success" : tone === "danger" ? "text-danger" : ""}`}>{value}</dd>
    </div>
  );
}

const sum = (parts: EndpointStats[]) =>
  parts.reduce((a, s) => ({ success: a.success + s.success, fail: a.fail + s.fail, pending: a.pending + s.pending + s.sending }), { success: 0, fail: 0, pending: 0 });

/** The messages sent to this endpoint in the range, by where they stand now. */
export function StatTiles({ id, range }: { id: string; range: ActivityRange }) {
  const t = useTranslations("endpoint.overview");
  const f = useFormats();
  const { queries } = usePortal();
  const [now] = useState(() => Date.now());
  const results = useQueries({ queries: statWindows(range, now).map((w) => ({ ...queries.endpoints.stats(id, w), placeholderData: keepPreviousData })) });

  const failed = results.find((r) => r.isError);
  if (failed) return <QueryError className="rounded-lg border border-border bg-surface" error={failed.error} onRetry={() => results.forEach((r) => void r.refetch())} />;
  if (results.some((r) => !r.data)) {
    return (
      <div aria-busy="true" className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-[74px] rounded-lg" />
        ))}
      </div>
    );
  }
  const s = sum(results.map((r) => r.data!));
  const total = s.success + s.fail + s.pending;
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
      <Tile label={t("delivered")} value={f.number(s.success)} />
      <Tile label={t("failed")} value={f.number(s.fail)} tone={s.fail > 0 ? "danger" : undefined} />
      <Tile label={t("pending")} value={f.number(s.pending)} />
      <Tile label={t("successRate")} value={total === 0 ? "—" : f.percent(s.success / total)} />
    </dl>
  );
}
