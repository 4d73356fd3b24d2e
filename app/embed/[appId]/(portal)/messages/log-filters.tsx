"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronDown, Search, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuCheckboxItem, DropdownMenuContent, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { LogState } from "@/lib/delivery-api/types-messages";
import { usePortal } from "@/lib/queries/provider";
import { RangeFilter, useRangeLabel } from "./range-filter";
import { EMPTY_VIEW, hasFilters, statusesFor, type LogView } from "./search-params";
import { useUrlText } from "./use-url-text";

type Change = (patch: Partial<LogView>, how: "push" | "replace") => void;

const ALL = "__all";

/** A menu of checkable choices behind a button that says how many are chosen. */
function MultiMenu({ label, chosen, options, onToggle, heading }: { label: string; chosen: string[]; options: { value: string; label: string }[]; onToggle: (value: string) => void; heading: string }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button size="sm">
          {label}
          {chosen.length ? (
            <>
              <span className="sr-only">: </span>
              <span className="rounded-full bg-primary px-1.5 text-[11px] leading-4 text-primary-fg">{chosen.length}</span>
            </>
          ) : null}
          <ChevronDown aria-hidden className="text-muted" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="max-h-80 overflow-y-auto">
        <DropdownMenuLabel>{heading}</DropdownMenuLabel>
        {options.map((o) => (
          <DropdownMenuCheckboxItem
            key={o.value}
            checked={chosen.includes(o.value)}
            // Several can be chosen: the menu stays open.
            onSelect={(e) => e.preventDefault()}
            onCheckedChange={() => onToggle(o.value)}
          >
            {o.label}
          </DropdownMenuCheckboxItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

const STATUS_WORD: Record<LogState, "failed" | "retrying" | "sending" | "success" | "none"> = {
  fail: "failed",
  retrying: "retrying",
  sending: "sending",
  success: "success",
  none: "none",
};

/** The log's filters: every one is in the URL; typing replaces the entry, choosing pushes one. */
export function LogFilters({ view, onChange }: { view: LogView; onChange: Change }) {
  const t = useTranslations("messages");
  const ts = useTranslations("common.status");
  const { queries } = usePortal();
  const catalog = useQuery(queries.eventTypes.list());
  const endpoints = useQuery(queries.endpoints.list({ limit: 250 }));
  const rangeLabel = useRangeLabel(view);

  const search = useUrlText(view.q ?? "", (q, now) => onChange({ q: q || null }, now ? "push" : "replace"));
  const channel = useUrlText(view.channel ?? "", (c, now) => onChange({ channel: c || null }, now ? "push" : "replace"));

  const statuses = statusesFor(view.endpoint);
  const toggleStatus = (s: string) => {
    const on = view.status.includes(s as LogState);
    // At one endpoint a message has one state there: choosing another replaces it.
    const next = view.endpoint ? (on ? [] : [s]) : on ? view.status.filter((x) => x !== s) : [...view.status, s];
    onChange({ status: next as LogState[] }, "push");
  };
  const toggleType = (name: string) =>
    onChange({ eventTypes: view.eventTypes.includes(name) ? view.eventTypes.filter((x) => x !== name) : [...view.eventTypes, name] }, "push");

  const typeNames = [...new Set([...(catalog.data?.data.map((e) => e.name) ?? []), ...view.eventTypes])];
  const endpointOptions = [
    { value: ALL, label: t("filters.allEndpoints") },
    ...(endpoints.data?.data.map((e) => ({ value: e.id, label: e.description ? `${e.description} — ${e.url}` : e.url })) ?? []),
    ...(view.endpoint && !endpoints.data?.data.some((e) => e.id === view.endpoint) ? [{ value: view.endpoint, label: view.endpoint }] : []),
  ];
  const endpointLabel = endpointOptions.find((o) => o.value === view.endpoint)?.label ?? view.endpoint;

  const chips: { key: string; label: string; clear: Partial<LogView> }[] = [
    ...view.status.map((s) => ({ key: `s-${s}`, label: `${t("filters.status")}: ${ts(STATUS_WORD[s])}`, clear: { status: view.status.filter((x) => x !== s) } })),
    ...view.eventTypes.map((e) => ({ key: `e-${e}`, label: e, clear: { eventTypes: view.eventTypes.filter((x) => x !== e) } })),
    ...(view.endpoint ? [{ key: "ep", label: `${t("filters.endpoint")}: ${endpointLabel}`, clear: { endpoint: null } }] : []),
    ...(view.channel ? [{ key: "ch", label: `${t("filters.channel")}: ${view.channel}`, clear: { channel: null } }] : []),
    ...(rangeLabel ? [{ key: "r", label: rangeLabel, clear: { range: null, after: null, before: null } }] : []),
    ...(view.q ? [{ key: "q", label: `${t("filters.search")}: ${view.q}`, clear: { q: null } }] : []),
  ];

  return (
    <div className="grid gap-2.5 border-b border-border p-3">
      <div className="flex flex-wrap items-center gap-2">
        <form
          role="search"
          className="relative min-w-0 flex-1 basis-full sm:basis-64"
          onSubmit={(e) => {
            e.preventDefault();
            search.submit();
          }}
        >
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted" />
          <Input
            type="search"
            aria-label={t("filters.searchLabel")}
            placeholder={t("filters.searchPlaceholder")}
            className="h-8 pl-8 font-mono text-[13px] placeholder:font-sans"
            value={search.value}
            onChange={(e) => search.onChange(e.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
        </form>
        <MultiMenu
          label={t("filters.status")}
          heading={view.endpoint ? t("filters.statusAtEndpoint") : t("filters.statusAcross")}
          chosen={view.status}
          options={statuses.map((s) => ({ value: s, label: ts(STATUS_WORD[s]) }))}
          onToggle={toggleStatus}
        />
        <MultiMenu label={t("filters.eventTypes")} heading={t("filters.eventTypesHeading")} chosen={view.eventTypes} options={typeNames.map((n) => ({ value: n, label: n }))} onToggle={toggleType} />
        <Select
          aria-label={t("filters.endpoint")}
          className="h-8 max-w-56 text-[13px]"
          value={view.endpoint ?? ALL}
          onValueChange={(v) => onChange({ endpoint: v === ALL ? null : v }, "push")}
          options={endpointOptions}
        />
        <RangeFilter view={view} onChange={(patch) => onChange(patch, "push")} />
        <div className="w-full sm:w-36">
          <Input
            aria-label={t("filters.channel")}
            placeholder={t("filters.channelPlaceholder")}
            className="h-8 text-[13px]"
            value={channel.value}
            onChange={(e) => channel.onChange(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") channel.submit();
            }}
            spellCheck={false}
            autoComplete="off"
          />
        </div>
      </div>
      {chips.length ? (
        <div className="flex flex-wrap items-center gap-1.5" aria-label={t("filters.active")} role="group">
          {chips.map((c) => (
            <button
              key={c.key}
              type="button"
              onClick={() => onChange(c.clear, "push")}
              aria-label={t("filters.remove", { filter: c.label })}
              className="inline-flex max-w-full items-center gap-1 rounded-full border border-border bg-surface-2 py-0.5 pr-1.5 pl-2.5 text-xs hover:border-border-strong"
            >
              <span className="truncate">{c.label}</span>
              <X aria-hidden className="size-3 shrink-0 text-muted" />
            </button>
          ))}
          {hasFilters(view) ? (
            <Button size="sm" variant="link" className="ml-1 text-xs" onClick={() => onChange({ ...EMPTY_VIEW, limit: view.limit }, "push")}>
              {t("filters.clear")}
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
