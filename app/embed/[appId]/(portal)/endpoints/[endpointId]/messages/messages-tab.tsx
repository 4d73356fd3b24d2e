"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Inbox } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/states";
import { Pager } from "@/components/portal/pager";
import { QueryError } from "@/components/portal/query-error";
import { usePortal } from "@/lib/queries/provider";
import { AttemptList, AttemptListSkeleton } from "../attempt-list";
import { useEndpointSearch, type AttemptFilter } from "../search-params";

const PAGE_SIZE = 25;
const FILTERS: AttemptFilter[] = ["all", "success", "fail"];

/** Every attempt at this endpoint, newest first, by outcome; the filter and the page are in the URL. */
export function MessagesTab({ id }: { id: string }) {
  const t = useTranslations("endpoint.messages");
  const { queries } = usePortal();
  const [search, setSearch] = useEndpointSearch();
  const status = search.status === "all" ? undefined : search.status;
  const list = useQuery({ ...queries.endpoints.attempts(id, { limit: PAGE_SIZE, iterator: search.iterator, status }), placeholderData: keepPreviousData });
  const rows = list.data?.data ?? [];
  const busy = list.isPending || (list.isPlaceholderData && list.isFetching);

  return (
    <Card>
      <CardHeader>
        <div role="group" aria-label={t("filter")} className="inline-flex gap-0.5 rounded-lg bg-surface-2 p-0.5">
          {FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={search.status === f}
              onClick={() => setSearch({ status: f, iterator: undefined })}
              className={cn("rounded-md px-2.5 py-1 text-[13px] font-medium", search.status === f ? "bg-surface text-fg shadow-xs" : "text-muted hover:text-fg")}
            >
              {t(`filters.${f}`)}
            </button>
          ))}
        </div>
        <p className="text-xs text-muted">{t("hint")}</p>
      </CardHeader>
      {list.isPending ? (
        <div aria-busy="true">
          <AttemptListSkeleton rows={8} />
        </div>
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<Inbox />}
          title={search.status === "all" ? t("emptyTitle") : t("emptyFilteredTitle")}
          action={
            search.status !== "all" || search.iterator ? (
              <Button size="sm" onClick={() => setSearch({ status: "all", iterator: undefined })}>
                {t("showAll")}
              </Button>
            ) : null
          }
        >
          {search.status === "all" ? t("emptyBody") : t("emptyFilteredBody")}
        </EmptyState>
      ) : (
        <div aria-busy={busy ? "true" : undefined}>
          <AttemptList attempts={rows} label={t("label")} withResponse />
          <Pager
            className="border-t border-border"
            hasNewer={Boolean(search.iterator)}
            hasOlder={!list.data.done && Boolean(list.data.iterator)}
            onNewer={() => setSearch({ iterator: list.data.prevIterator ?? undefined })}
            onOlder={() => setSearch({ iterator: list.data.iterator ?? undefined })}
          />
        </div>
      )}
    </Card>
  );
}
