"use client";

import { Search, SearchX } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type MouseEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState } from "@/components/ui/states";
import type { CatalogEventType } from "@/lib/delivery-api/types-event-types";
import { groupCatalog } from "./catalog-groups";

/** A plain left click stays in the page; a modified one (new tab, window) follows the link. */
const isPlainClick = (e: MouseEvent) => e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;

/** The catalog by prefix, searchable; each type is a link, so it can be opened in a new tab too. */
export function TypeList({
  types,
  selected,
  q,
  hrefOf,
  onSelect,
  onSearch,
}: {
  types: CatalogEventType[];
  selected: string | null;
  q: string;
  hrefOf: (name: string) => string;
  onSelect: (name: string) => void;
  onSearch: (q: string) => void;
}) {
  const t = useTranslations("eventTypes");
  // The box keeps what is typed; the URL follows it. Back/forward to another search refills it.
  const [text, setText] = useState(q);
  const [seen, setSeen] = useState(q);
  if (q !== seen) {
    setSeen(q);
    setText(q);
  }
  const groups = groupCatalog(types, text);
  const shown = groups.reduce((n, g) => n + g.types.length, 0);

  function search(value: string): void {
    setText(value);
    setSeen(value);
    onSearch(value);
  }

  return (
    <Card className="overflow-hidden md:sticky md:top-4">
      <div className="border-b border-border p-3">
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted" />
          <Input type="search" value={text} onChange={(e) => search(e.target.value)} aria-label={t("searchLabel")} placeholder={t("searchPlaceholder")} className="pl-8" />
        </div>
        <p aria-live="polite" className="mt-2 text-xs text-muted">
          {text ? t("matching", { count: shown, total: types.length }) : t("count", { count: types.length })}
        </p>
      </div>
      {shown === 0 ? (
        <EmptyState icon={<SearchX />} title={t("noMatchTitle")} className="py-8" action={<Button size="sm" onClick={() => search("")}>{t("clearSearch")}</Button>}>
          <p>{t("noMatchBody", { q: text })}</p>
        </EmptyState>
      ) : (
        <nav aria-label={t("listLabel")} className="py-1.5 md:max-h-[calc(100dvh-14rem)] md:overflow-y-auto">
          {groups.map((g) => (
            <section key={g.prefix} aria-labelledby={`group-${g.prefix}`} className="py-1">
              <h2 id={`group-${g.prefix}`} className="px-4 pt-1.5 pb-1 text-[11px] font-semibold tracking-wider text-muted uppercase">
                {g.prefix}
              </h2>
              <ul>
                {g.types.map((type) => {
                  const current = type.name === selected;
                  return (
                    <li key={type.name}>
                      <a
                        href={hrefOf(type.name)}
                        aria-current={current ? "true" : undefined}
                        onClick={(e) => {
                          if (!isPlainClick(e)) return;
                          e.preventDefault();
                          onSelect(type.name);
                        }}
                        className={cn(
                          "mx-1.5 grid gap-0.5 rounded-md border-l-2 px-2.5 py-1.5 transition-colors",
                          current ? "border-primary bg-surface-2" : "border-transparent hover:bg-surface-2/60",
                        )}
                      >
                        <span className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-0.5">
                          <code className={cn("min-w-0 text-[13px] break-all", current ? "font-semibold text-fg" : "font-medium")}>{type.name}</code>
                          {type.deprecated ? (
                            <Badge tone="warning" className="px-1.5 py-0 text-[11px]">
                              {t("deprecated")}
                            </Badge>
                          ) : null}
                        </span>
                        {type.description ? <span className="truncate text-xs text-muted">{type.description}</span> : null}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </nav>
      )}
    </Card>
  );
}

export function TypeListSkeleton() {
  return (
    <Card className="overflow-hidden" aria-hidden>
      <div className="border-b border-border p-3">
        <Skeleton className="h-9 w-full" />
        <Skeleton className="mt-2 h-3 w-24" />
      </div>
      <div className="grid gap-3 p-4">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="grid gap-1.5">
            <Skeleton className="h-3.5 w-2/3" />
            <Skeleton className="h-3 w-5/6" />
          </div>
        ))}
      </div>
    </Card>
  );
}
