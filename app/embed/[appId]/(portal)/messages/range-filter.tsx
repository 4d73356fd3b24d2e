"use client";

import { CalendarRange, ChevronDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { useFormats } from "@/components/portal/time";
import { RANGE_PRESETS, type LogView, type RangePreset } from "./search-params";

/** An instant as a datetime-local value: the browser's own time zone, to the minute. */
function localInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (local time, no zone) back to an instant. */
const fromLocal = (v: string): string | null => (v && !Number.isNaN(new Date(v).getTime()) ? new Date(v).toISOString() : null);

export function useRangeLabel(view: LogView): string | null {
  const t = useTranslations("messages.range");
  const f = useFormats();
  if (view.range) return t(`presets.${view.range}`);
  if (view.after && view.before) return t("between", { from: f.short(view.after), to: f.short(view.before) });
  if (view.after) return t("since", { from: f.short(view.after) });
  if (view.before) return t("until", { to: f.short(view.before) });
  return null;
}

/** Date presets (last hour … 30 days) and a custom range, in the user's time zone. */
export function RangeFilter({ view, onChange }: { view: LogView; onChange: (patch: Pick<LogView, "range" | "after" | "before">) => void }) {
  const t = useTranslations("messages.range");
  const label = useRangeLabel(view);
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [error, setError] = useState<string | null>(null);

  function openChange(next: boolean): void {
    if (next) {
      setFrom(localInput(view.after));
      setTo(localInput(view.before));
      setError(null);
    }
    setOpen(next);
  }
  function pick(range: RangePreset | null): void {
    onChange({ range, after: null, before: null });
    setOpen(false);
  }
  function apply(): void {
    const after = fromLocal(from);
    const before = fromLocal(to);
    if (!after && !before) return setError(t("needOne"));
    if (after && before && after >= before) return setError(t("order"));
    onChange({ range: null, after, before });
    setOpen(false);
  }

  return (
    <Popover open={open} onOpenChange={openChange}>
      <PopoverTrigger asChild>
        <Button size="sm">
          <CalendarRange aria-hidden />
          <span className="sr-only">{t("button")}: </span>
          <span className="max-w-48 truncate">{label ?? t("allTime")}</span>
          <ChevronDown aria-hidden className="text-muted" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-80">
        <div role="group" aria-label={t("presetsLabel")} className="grid grid-cols-2 gap-1.5">
          {(Object.keys(RANGE_PRESETS) as RangePreset[]).map((p) => (
            <Button key={p} size="sm" variant={view.range === p ? "primary" : "secondary"} aria-pressed={view.range === p} onClick={() => pick(p)}>
              {t(`presets.${p}`)}
            </Button>
          ))}
          <Button size="sm" className="col-span-2 justify-center" variant={label ? "secondary" : "primary"} aria-pressed={!label} onClick={() => pick(null)}>
            {t("allTime")}
          </Button>
        </div>
        <form
          className="mt-3 grid gap-2.5 border-t border-border pt-3"
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <p className="text-xs font-medium text-muted">{t("custom")}</p>
          <Field label={t("from")}>
            <Input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field label={t("to")} error={error}>
            <Input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
          <Button type="submit" size="sm" variant="primary" className="justify-center">
            {t("apply")}
          </Button>
        </form>
      </PopoverContent>
    </Popover>
  );
}
