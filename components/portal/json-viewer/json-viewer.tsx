"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { ChevronDown, ChevronRight, ChevronsDownUp, ChevronsUpDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/components/ui/cn";
import { Tooltip } from "@/components/ui/tooltip";
import { useFormats } from "@/components/portal/time";
import { allFolds, prettyText, toLines, visibleLines, type JsonLine } from "./lines";

const ROW_PX = 20;
const MAX_HEIGHT_PX = 480;
/** A string longer than this is cut on screen (copy and the raw view carry all of it). */
const SHOWN_CHARS = 2000;

type Mode = "formatted" | "raw";

/**
 * A JSON value, pretty and coloured from the theme's code tokens, foldable by keyboard, with a
 * raw view and copy. Lines are virtualized, so a 1 MB payload costs what fits on screen.
 */
export function JsonViewer({ value, label, lineNumbers = true, className }: { value: unknown; label: string; lineNumbers?: boolean; className?: string }) {
  const t = useTranslations("message.viewer");
  const f = useFormats();
  const lines = useMemo(() => toLines(value), [value]);
  const [mode, setMode] = useState<Mode>("formatted");
  const [folded, setFolded] = useState<ReadonlySet<number>>(() => new Set());
  const shown = useMemo(() => visibleLines(lines, folded), [lines, folded]);
  // The raw text is made the first time it is asked for, not with every payload.
  const raw = useMemo(() => (mode === "raw" ? (prettyText(value) ?? t("tooDeep")).split("\n") : null), [mode, value, t]);
  const foldable = lines.length > 1 && lines.some((l) => l.kind === "open" && l.depth > 0);

  function toggle(i: number): void {
    setFolded((prev) => {
      const next = new Set(prev);
      if (!next.delete(i)) next.add(i);
      return next;
    });
  }

  return (
    <div className={cn("overflow-hidden rounded-md border border-border bg-surface-2/40", className)}>
      <div className="flex flex-wrap items-center gap-2 border-b border-border px-2 py-1.5">
        <div role="group" aria-label={t("view")} className="inline-flex rounded-md bg-surface-2 p-0.5">
          {(["formatted", "raw"] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              onClick={() => setMode(m)}
              className={cn("rounded px-2 py-0.5 text-xs font-medium text-muted", mode === m && "bg-surface text-fg shadow-xs")}
            >
              {t(m)}
            </button>
          ))}
        </div>
        {mode === "formatted" && foldable ? (
          <span className="flex items-center">
            <Tooltip content={t("expandAll")}>
              <Button size="icon" variant="ghost" className="size-7" aria-label={t("expandAll")} onClick={() => setFolded(new Set())}>
                <ChevronsUpDown aria-hidden />
              </Button>
            </Tooltip>
            <Tooltip content={t("collapseAll")}>
              <Button size="icon" variant="ghost" className="size-7" aria-label={t("collapseAll")} onClick={() => setFolded(allFolds(lines))}>
                <ChevronsDownUp aria-hidden />
              </Button>
            </Tooltip>
          </span>
        ) : null}
        <span className="ml-auto hidden text-xs text-muted sm:inline">{t("lines", { count: lines.length, shown: f.number(lines.length) })}</span>
        <CopyButton value={() => prettyText(value) ?? ""} label={t("copy")} copiedLabel={t("copied")} className="ml-auto h-7 px-2 text-xs max-sm:[&_span]:sr-only sm:ml-0" />
      </div>
      {raw ? (
        <VirtualLines count={raw.length} label={label} lineNumbers={lineNumbers} lineOf={(i) => i}>
          {(i) => <span>{raw[i]}</span>}
        </VirtualLines>
      ) : (
        <VirtualLines count={shown.length} label={label} lineNumbers={lineNumbers} lineOf={(i) => shown[i]!}>
          {(i) => {
            const at = shown[i]!;
            return <Tokens line={lines[at]!} index={at} lines={lines} folded={folded.has(at)} onToggle={toggle} t={t} />;
          }}
        </VirtualLines>
      )}
    </div>
  );
}

/** The scroller: a fixed row height, so only the rows in view (and a few around) are in the DOM. */
function VirtualLines({ count, label, lineNumbers, lineOf, children }: { count: number; label: string; lineNumbers: boolean; lineOf: (i: number) => number; children: (i: number) => ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  // The compiler leaves this component unmemoized, which is what the virtualizer needs (it re-renders on scroll).
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({ count, getScrollElement: () => ref.current, estimateSize: () => ROW_PX, overscan: 24 });
  const items = v.getVirtualItems();
  const offset = items[0]?.start ?? 0;
  return (
    <div
      ref={ref}
      role="region"
      aria-label={label}
      tabIndex={0}
      className="overflow-auto font-mono text-[12.5px] leading-5"
      style={{ height: Math.min(count * ROW_PX + 16, MAX_HEIGHT_PX) }}
    >
      <div className="relative min-w-full w-max py-2" style={{ height: v.getTotalSize() + 16 }}>
        <div style={{ transform: `translateY(${offset}px)` }}>
          {items.map((item) => (
            <div key={item.key} data-line={lineOf(item.index) + 1} className="flex h-5 pr-4 whitespace-pre hover:bg-surface-2">
              {lineNumbers ? (
                <span aria-hidden className="sticky left-0 w-12 shrink-0 bg-surface-2/90 pr-3 text-right text-muted select-none">
                  {lineOf(item.index) + 1}
                </span>
              ) : (
                <span className="w-3 shrink-0" />
              )}
              {children(item.index)}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

type T = ReturnType<typeof useTranslations>;

function Key({ name }: { name: string | null }) {
  if (name === null) return null;
  return (
    <>
      <span className="text-code-key">{JSON.stringify(name)}</span>
      <span className="text-muted">: </span>
    </>
  );
}

function Primitive({ value, t }: { value: string | number | boolean | null; t: T }) {
  if (typeof value === "string") {
    const quoted = JSON.stringify(value.length > SHOWN_CHARS ? value.slice(0, SHOWN_CHARS) : value);
    if (value.length <= SHOWN_CHARS) return <span className="text-code-string">{quoted}</span>;
    return (
      <>
        <span className="text-code-string">{quoted.slice(0, -1)}…</span>
        <span className="ml-2 text-muted">{t("cut", { count: value.length - SHOWN_CHARS })}</span>
      </>
    );
  }
  if (typeof value === "number") return <span className="text-code-number">{String(value)}</span>;
  return <span className="text-code-literal">{String(value)}</span>;
}

/** One line's tokens, made when the line is drawn. */
function Tokens({ line, index, lines, folded, onToggle, t }: { line: JsonLine; index: number; lines: JsonLine[]; folded: boolean; onToggle: (i: number) => void; t: T }) {
  const indent = <span className="shrink-0" style={{ width: `${line.depth * 2}ch` }} />;
  if (line.kind === "close") {
    return (
      <>
        {indent}
        <span className="w-5 shrink-0" />
        <span>
          {line.bracket}
          {line.comma ? "," : ""}
        </span>
      </>
    );
  }
  if (line.kind === "value") {
    return (
      <>
        {indent}
        <span className="w-5 shrink-0" />
        <span>
          <Key name={line.key} />
          {line.bare ? <span className="text-muted">{String(line.value)}</span> : <Primitive value={line.value} t={t} />}
          {line.comma ? "," : ""}
        </span>
      </>
    );
  }
  const close = lines[line.close] as Extract<JsonLine, { kind: "close" }>;
  const what = line.key ?? (line.bracket === "[" ? t("array") : t("object"));
  return (
    <>
      {indent}
      <button
        type="button"
        aria-expanded={!folded}
        aria-label={what}
        onClick={() => onToggle(index)}
        className="grid w-5 shrink-0 place-items-center rounded text-muted hover:bg-surface hover:text-fg"
      >
        {folded ? <ChevronRight aria-hidden className="size-3.5" /> : <ChevronDown aria-hidden className="size-3.5" />}
      </button>
      <span>
        <Key name={line.key} />
        {line.bracket}
        {folded ? (
          <>
            <button type="button" tabIndex={-1} aria-hidden onClick={() => onToggle(index)} className="mx-1 rounded bg-surface-2 px-1 text-muted hover:text-fg">
              {line.bracket === "[" ? t("items", { count: line.size }) : t("keys", { count: line.size })}
            </button>
            {close.bracket}
            {close.comma ? "," : ""}
          </>
        ) : null}
      </span>
    </>
  );
}
