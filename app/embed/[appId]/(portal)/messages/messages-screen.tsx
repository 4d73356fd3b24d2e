"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowUp, Inbox, SearchX } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { EmptyState } from "@/components/ui/states";
import { PageHeader } from "@/components/portal/page-header";
import { Pager } from "@/components/portal/pager";
import { QueryError, isNotFound } from "@/components/portal/query-error";
import { useHidden, usePortalApp, usePortalHref } from "@/components/portal/session-context";
import { usePortal } from "@/lib/queries/provider";
import { ExportDialog } from "./export-dialog";
import { LogFilters } from "./log-filters";
import { MessageList } from "./message-list";
import { MessageRowsHeader, MessageRowsSkeleton } from "./message-row";
import { useNewRows } from "./new-rows";
import { EMPTY_VIEW, PAGE_SIZES, filtersOf, hasFilters, pageQueryOf, parseLogView, serializeLogView, withFilters, type LogView } from "./search-params";

/** How often the first page looks for new messages while the tab is visible. */
const REFRESH_MS = 5_000;

/** The delivery log: every message with its state across endpoints, filtered and paged in the URL. */
export function MessagesScreen() {
  const t = useTranslations("messages");
  const { queries } = usePortal();
  const { appName } = usePortalApp();
  const href = usePortalHref();
  const canExport = !useHidden("export");
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const view = useMemo(() => parseLogView(searchParams), [searchParams]);
  // A preset window ends "now": taken once per view, so the query key holds while the view does.
  // eslint-disable-next-line react-hooks/purity -- read once per view on purpose
  const now = useMemo(() => Date.now(), [view]); // eslint-disable-line react-hooks/exhaustive-deps
  const firstPage = view.cursor === null;

  const go = (next: LogView, how: "push" | "replace") => {
    const qs = serializeLogView(next);
    router[how](qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };
  const change = (patch: Partial<LogView>, how: "push" | "replace") => go(withFilters(view, patch), how);

  const list = useQuery({
    ...queries.messages.list(pageQueryOf(view, now)),
    placeholderData: keepPreviousData,
    // TanStack pauses the interval while the document is hidden (refetchIntervalInBackground is off).
    refetchInterval: firstPage && !view.q ? REFRESH_MS : false,
  });

  const listTop = useRef<HTMLDivElement>(null);
  const atTop = () => (listTop.current ? listTop.current.getBoundingClientRect().top >= -8 : true);
  const rows = list.data?.data ?? [];
  const fresh = useNewRows(rows, { key: serializeLogView(view), live: firstPage, settled: list.isSuccess && !list.isPlaceholderData, atTop });
  // The same words twice are not read twice; an invisible mark makes the second a change.
  const announcement = fresh.arrived.seq > 0 ? t("arrived", { count: fresh.arrived.count }) + (fresh.arrived.seq % 2 ? "" : "\u200b") : "";

  // Newer reached the top: back to the first page, which is the live one.
  const atNewest = list.isSuccess && !list.isPlaceholderData && view.dir === "newer" && list.data.done;
  useEffect(() => {
    if (atNewest) router.replace(`${pathname}?${serializeLogView({ ...view, cursor: null, dir: "older" })}`.replace(/\?$/, ""), { scroll: false });
  }, [atNewest, view, router, pathname]);

  // The message page takes the log's view along (`from`), so its way back lands on this same view.
  const here = serializeLogView(view);
  const back = here ? `?${new URLSearchParams({ from: here })}` : "";
  const filtered = hasFilters(view);
  // An application that has sent nothing has nothing to export.
  const nothingYet = list.isSuccess && firstPage && !filtered && rows.length === 0;
  const filters = filtersOf(view, now);
  const clear = () => go({ ...EMPTY_VIEW, limit: view.limit }, "push");

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={canExport && !nothingYet ? <ExportDialog filters={filters} /> : null} />
      <div aria-live="polite" role="status" className="sr-only">
        {announcement}
      </div>
      <Card>
        <LogFilters view={view} onChange={change} />
        <div ref={listTop} className="scroll-mt-4" />
        {fresh.held > 0 ? (
          // No height of its own: showing it moves nothing the user reads.
          <div className="sticky top-3 z-20 flex h-0 justify-center overflow-visible">
            <Button
              size="sm"
              variant="primary"
              className="rounded-full shadow-md"
              onClick={() => {
                fresh.reveal();
                listTop.current?.scrollIntoView({ block: "start" });
              }}
            >
              <ArrowUp aria-hidden /> {t("newMessages", { count: fresh.held })}
            </Button>
          </div>
        ) : null}
        {list.isPending ? (
          <div aria-busy="true">
            <MessageRowsHeader />
            <MessageRowsSkeleton />
          </div>
        ) : list.isError && !isNotFound(list.error) ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (list.isError || rows.length === 0) && firstPage ? (
          filtered ? (
            <EmptyState icon={<SearchX />} title={t("noMatchTitle")} action={<Button onClick={clear}>{t("filters.clear")}</Button>}>
              <p>{view.q ? t("noMatchSearch", { q: view.q }) : t("noMatchBody")}</p>
            </EmptyState>
          ) : (
            <EmptyState
              icon={<Inbox />}
              title={t("emptyTitle")}
              action={
                <Button asChild>
                  <Link href={href("endpoints")}>{t("emptyAction")}</Link>
                </Button>
              }
            >
              <p>{t("emptyBody", { app: appName })}</p>
            </EmptyState>
          )
        ) : (
          <>
            <MessageRowsHeader />
            {fresh.visible.length ? (
              <MessageList rows={fresh.visible} hrefOf={(id) => href(`messages/${id}`) + back} label={t("listLabel")} busy={list.isPlaceholderData && list.isFetching} />
            ) : (
              <p className="px-4 py-8 text-center text-sm text-muted">{t("pageEmpty")}</p>
            )}
            <div className="flex flex-wrap items-center justify-between gap-2 border-t border-border px-4 py-2">
              <div className="flex items-center gap-2 text-xs text-muted">
                <span id="page-size-label">{t("pageSize")}</span>
                <Select
                  aria-labelledby="page-size-label"
                  className="h-8 w-20 text-[13px]"
                  value={String(view.limit)}
                  onValueChange={(v) => go({ ...view, limit: Number(v), cursor: null, dir: "older" }, "push")}
                  options={PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) }))}
                />
              </div>
              <Pager
                className="px-0 py-0"
                hasNewer={!firstPage && !(view.dir === "newer" && list.data?.done)}
                hasOlder={view.dir === "newer" || (!list.data?.done && Boolean(list.data?.iterator))}
                onNewer={() => {
                  const top = list.data?.prevIterator?.replace(/^-/, "") ?? null;
                  go({ ...view, cursor: top, dir: top ? "newer" : "older" }, "push");
                }}
                onOlder={() => go({ ...view, cursor: list.data?.iterator ?? null, dir: "older" }, "push")}
              />
            </div>
          </>
        )}
      </Card>
    </>
  );
}
