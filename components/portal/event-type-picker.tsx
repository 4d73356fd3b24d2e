"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronDown, Search, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState, type KeyboardEvent, type Ref } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Popover, PopoverClose, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Skeleton } from "@/components/ui/skeleton";
import { QueryError } from "@/components/portal/query-error";
import { usePortal } from "@/lib/queries/provider";
import { groupEventTypes } from "./event-type-groups";

type Props = {
  /** null: every event type, including ones added later. */
  value: string[] | null;
  onChange: (value: string[] | null) => void;
  error?: string | null;
  /** The control a failed save focuses. */
  focusRef?: Ref<HTMLButtonElement>;
};

/**
 * Which events an endpoint receives: all of them, or chosen ones from the catalog — searched,
 * grouped by the name's prefix (a whole group at once), descriptions and deprecations shown. Arrow
 * keys move through the list, Space ticks; the chosen ones stay visible as removable chips.
 */
export function EventTypePicker({ value, onChange, error, focusRef }: Props) {
  const t = useTranslations("endpoints.picker");
  const id = useId();
  // Switching to "all" and back keeps what was chosen.
  const [kept, setKept] = useState<string[]>(value ?? []);
  const chosen = value ?? [];
  const set = (next: string[]) => {
    setKept(next);
    onChange(next);
  };

  return (
    <fieldset className="grid gap-2" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1.5 text-sm font-medium">{t("legend")}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        <ModeOption name={id} checked={value === null} onSelect={() => onChange(null)} title={t("all")} body={t("allHint")} />
        <ModeOption name={id} checked={value !== null} onSelect={() => onChange(kept)} title={t("some")} body={t("someHint")} />
      </div>
      {value !== null ? (
        <div className="grid gap-2 rounded-md border border-border bg-surface-2/40 p-3">
          {chosen.length > 0 ? (
            <ul aria-label={t("chosen")} className="flex flex-wrap gap-1.5">
              {chosen.map((name) => (
                <li key={name} className="inline-flex max-w-full items-center gap-1 rounded-md border border-border bg-surface py-0.5 pr-0.5 pl-2 text-xs">
                  <code className="truncate">{name}</code>
                  <button
                    type="button"
                    aria-label={t("remove", { name })}
                    onClick={() => set(chosen.filter((n) => n !== name))}
                    className="rounded p-0.5 text-muted hover:bg-surface-2 hover:text-fg focus-visible:outline-2 focus-visible:outline-ring"
                  >
                    <X className="size-3.5" aria-hidden />
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-xs text-muted">{t("noneChosen")}</p>
          )}
          <CatalogPopover chosen={chosen} onChange={set} invalid={Boolean(error)} focusRef={focusRef} />
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-danger">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function ModeOption({ name, checked, onSelect, title, body }: { name: string; checked: boolean; onSelect: () => void; title: string; body: string }) {
  return (
    <label
      className={cn(
        "flex cursor-pointer items-start gap-2.5 rounded-md border px-3 py-2.5 has-focus-visible:outline-2 has-focus-visible:outline-ring",
        checked ? "border-primary bg-surface" : "border-border bg-surface hover:bg-surface-2/60",
      )}
    >
      <input type="radio" name={name} checked={checked} onChange={onSelect} className="mt-0.5 size-4 accent-primary focus-visible:outline-none" />
      <span className="grid gap-0.5">
        <span className="text-sm font-medium">{title}</span>
        <span className="text-xs text-muted">{body}</span>
      </span>
    </label>
  );
}

function CatalogPopover({ chosen, onChange, invalid, focusRef }: { chosen: string[]; onChange: (v: string[]) => void; invalid: boolean; focusRef?: Ref<HTMLButtonElement> }) {
  const t = useTranslations("endpoints.picker");
  const { queries } = usePortal();
  const catalog = useQuery(queries.eventTypes.list());
  const [search, setSearch] = useState("");
  const list = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const groups = useMemo(() => groupEventTypes(catalog.data?.data ?? [], search), [catalog.data, search]);
  const picked = new Set(chosen);

  const toggle = (names: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const n of names) {
      if (on) next.add(n);
      else next.delete(n);
    }
    onChange([...next]);
  };

  // Arrow keys walk the checkboxes (and back up into the search box), as in a listbox.
  function onListKey(e: KeyboardEvent<HTMLElement>): void {
    if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key)) return;
    const boxes = [...(list.current?.querySelectorAll<HTMLButtonElement>('[role="checkbox"]') ?? [])];
    if (boxes.length === 0) return;
    e.preventDefault();
    const at = boxes.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === "Home") return boxes[0]!.focus();
    if (e.key === "End") return boxes[boxes.length - 1]!.focus();
    if (e.key === "ArrowUp" && at <= 0) return searchRef.current?.focus();
    boxes[Math.min(boxes.length - 1, Math.max(0, e.key === "ArrowDown" ? at + 1 : at - 1))]!.focus();
  }

  return (
    <Popover onOpenChange={(open) => !open && setSearch("")}>
      <PopoverTrigger asChild>
        <Button ref={focusRef} variant="secondary" className="w-full justify-between sm:w-auto sm:justify-self-start" aria-invalid={invalid || undefined}>
          {chosen.length > 0 ? t("change", { count: chosen.length }) : t("choose")}
          <ChevronDown aria-hidden className="text-muted" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-[26rem] p-0" aria-label={t("dialogLabel")}>
        <div className="relative border-b border-border p-2" onKeyDown={(e) => e.key === "ArrowDown" && onListKey(e)}>
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-4.5 size-4 -translate-y-1/2 text-muted" />
          <Input ref={searchRef} type="search" value={search} onChange={(e) => setSearch(e.target.value)} aria-label={t("search")} placeholder={t("search")} className="pl-8" />
        </div>
        <div ref={list} onKeyDown={onListKey} className="max-h-80 overflow-y-auto p-1" aria-busy={catalog.isPending ? "true" : undefined}>
          {catalog.isPending ? (
            <div className="grid gap-2 p-2">
              <Skeleton className="h-4 w-1/3" />
              <Skeleton className="h-8 w-full" />
              <Skeleton className="h-8 w-full" />
            </div>
          ) : catalog.isError ? (
            <QueryError error={catalog.error} onRetry={() => void catalog.refetch()} className="py-6" />
          ) : groups.length === 0 ? (
            <p className="px-3 py-6 text-center text-sm text-muted">{search ? t("noMatch", { search }) : t("emptyCatalog")}</p>
          ) : (
            groups.map((g) => {
              const names = g.types.map((x) => x.name);
              const on = names.filter((n) => picked.has(n)).length;
              return (
                <div key={g.name} role="group" aria-label={t("group", { group: g.name })} className="py-1">
                  <label className="flex cursor-pointer items-center gap-2.5 rounded px-2 py-1.5 hover:bg-surface-2">
                    <Checkbox
                      checked={on === names.length ? true : on > 0 ? "indeterminate" : false}
                      onCheckedChange={() => toggle(names, on !== names.length)}
                      aria-label={t("wholeGroup", { group: g.name })}
                    />
                    <span className="font-mono text-xs font-semibold">{g.name}.*</span>
                    <span className="ml-auto text-xs text-muted">{t("groupCount", { on, count: names.length })}</span>
                  </label>
                  {g.types.map((type) => (
                    <label key={type.name} className="flex cursor-pointer items-start gap-2.5 rounded py-1.5 pr-2 pl-7 hover:bg-surface-2">
                      <Checkbox className="mt-0.5" checked={picked.has(type.name)} onCheckedChange={(c) => toggle([type.name], c === true)} aria-label={type.name} />
                      <span className="grid min-w-0 gap-0.5">
                        <span className="flex flex-wrap items-center gap-1.5">
                          <code className="text-[13px] break-all">{type.name}</code>
                          {type.deprecated ? <Badge tone="warning">{t("deprecated")}</Badge> : null}
                        </span>
                        {type.description ? <span className="text-xs text-muted">{type.description}</span> : null}
                      </span>
                    </label>
                  ))}
                </div>
              );
            })
          )}
        </div>
        <div className="flex items-center justify-between gap-2 border-t border-border px-3 py-2">
          <span className="text-xs text-muted" aria-live="polite">
            {t("selected", { count: chosen.length })}
          </span>
          <PopoverClose asChild>
            <Button size="sm" variant="primary">
              {t("done")}
            </Button>
          </PopoverClose>
        </div>
      </PopoverContent>
    </Popover>
  );
}
