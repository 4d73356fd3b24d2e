"use client";

import { useQuery } from "@tanstack/react-query";
import { BookOpen, MousePointerClick } from "lucide-react";
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/states";
import { PageHeader } from "@/components/portal/page-header";
import { NotFoundState, QueryError } from "@/components/portal/query-error";
import { useHidden } from "@/components/portal/session-context";
import { usePortal } from "@/lib/queries/provider";
import { TypeDetail, TypeDetailSkeleton } from "./type-detail";
import { TypeList, TypeListSkeleton } from "./type-list";
import { useCatalogParams } from "./use-catalog-params";

/** List beside detail from md up; below that one at a time (the list, or the selected type). */
const LAYOUT = "grid items-start gap-5 md:grid-cols-[16rem_minmax(0,1fr)] lg:grid-cols-[18rem_minmax(0,1fr)]";

function Catalog() {
  const t = useTranslations("eventTypes");
  const { queries } = usePortal();
  const catalog = useQuery(queries.eventTypes.list());
  const { params, hrefFor, set } = useCatalogParams();

  const header = <PageHeader title={t("title")} description={t("description")} />;
  if (catalog.isPending) {
    return (
      <>
        {header}
        <div className={LAYOUT} aria-busy="true">
          <TypeListSkeleton />
          <div className="max-md:hidden">
            <TypeDetailSkeleton />
          </div>
        </div>
      </>
    );
  }
  if (catalog.isError) {
    return (
      <>
        {header}
        <Card>
          <QueryError error={catalog.error} onRetry={() => void catalog.refetch()} />
        </Card>
      </>
    );
  }
  const types = catalog.data.data;
  if (types.length === 0) {
    return (
      <>
        {header}
        <Card>
          <EmptyState icon={<BookOpen />} title={t("emptyTitle")}>
            <p>{t("emptyBody")}</p>
          </EmptyState>
        </Card>
      </>
    );
  }

  const selected = params.type ? types.find((x) => x.name === params.type) : undefined;
  return (
    <>
      {header}
      {catalog.data.truncated ? <p className="-mt-2 mb-4 text-xs text-muted">{t("truncated", { count: types.length })}</p> : null}
      <div className={LAYOUT}>
        <div className={cn("min-w-0", params.type && "max-md:hidden")}>
          <TypeList
            types={types}
            selected={params.type}
            q={params.q}
            hrefOf={(name) => hrefFor({ type: name })}
            onSelect={(name) => set({ type: name }, "push")}
            onSearch={(q) => set({ q }, "replace")}
          />
        </div>
        <div className={cn("min-w-0", !params.type && "max-md:hidden")}>
          {selected ? (
            <TypeDetail
              type={selected}
              view={params.view}
              onView={(view) => set({ view }, "replace")}
              backHref={hrefFor({ type: null, view: "properties" })}
              onBack={() => set({ type: null, view: "properties" }, "push")}
            />
          ) : params.type ? (
            <Card>
              <NotFoundState
                action={
                  <a href={hrefFor({ type: null })} onClick={(e) => (e.preventDefault(), set({ type: null }, "push"))} className="text-sm font-medium text-primary hover:underline">
                    {t("allTypes")}
                  </a>
                }
              />
            </Card>
          ) : (
            <Card className="border-dashed shadow-none">
              <EmptyState icon={<MousePointerClick />} title={t("chooseTitle")}>
                <p>{t("chooseBody")}</p>
              </EmptyState>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}

/** The event catalog: what each event means and carries, and an example to send. */
export function EventTypesScreen() {
  // The host turned the catalog off: the screen is not there, as its tab is not.
  if (useHidden("eventCatalog")) return <NotFoundState />;
  return <Catalog />;
}
