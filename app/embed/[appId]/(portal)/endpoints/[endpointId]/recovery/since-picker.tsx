"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { MAX_BACK_MS, PRESETS, toLocalInput, type SinceChoice } from "./since";

/** Since when: a preset (1 hour … 14 days) or a date and time of the viewer's own clock. */
export function SincePicker({ choice, onChange, error, now, name }: { choice: SinceChoice; onChange: (c: SinceChoice) => void; error: string | null; now: number; name: string }) {
  const t = useTranslations("recovery.since");
  const custom = choice.kind === "custom";
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">{t("label")}</legend>
      <div className="flex flex-wrap gap-1.5">
        {PRESETS.map((p) => {
          const active = choice.kind === "preset" && choice.key === p.key;
          return (
            <button
              key={p.key}
              type="button"
              aria-pressed={active}
              onClick={() => onChange({ kind: "preset", key: p.key })}
              className={cn(
                "h-8 rounded-md border px-3 text-[13px] font-medium",
                active ? "border-primary bg-primary text-primary-fg" : "border-border-strong bg-surface text-fg hover:bg-surface-2",
              )}
            >
              {t(`presets.${p.key}`)}
            </button>
          );
        })}
        <button
          type="button"
          aria-pressed={custom}
          onClick={() => onChange({ kind: "custom", value: choice.kind === "custom" ? choice.value : toLocalInput(now - 3_600_000) })}
          className={cn(
            "h-8 rounded-md border px-3 text-[13px] font-medium",
            custom ? "border-primary bg-primary text-primary-fg" : "border-border-strong bg-surface text-fg hover:bg-surface-2",
          )}
        >
          {t("custom")}
        </button>
      </div>
      {custom ? (
        <Field label={t("customLabel")} hint={t("customHint")} error={error} className="max-w-xs">
          <Input
            type="datetime-local"
            name={name}
            value={choice.value}
            min={toLocalInput(now - MAX_BACK_MS + 60_000)}
            max={toLocalInput(now)}
            onChange={(e) => onChange({ kind: "custom", value: e.target.value })}
          />
        </Field>
      ) : null}
    </fieldset>
  );
}
