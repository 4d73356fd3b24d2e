"use client";

import { useFormatter, useNow } from "next-intl";
import { Tooltip } from "@/components/ui/tooltip";

/** The viewer's own time zone: tenant data is rendered in the browser, never on the server. */
const timeZone = (): string | undefined => (typeof Intl === "undefined" ? undefined : Intl.DateTimeFormat().resolvedOptions().timeZone);

/** Dates, relative times, numbers and durations in the user's locale and time zone. */
export function useFormats() {
  const format = useFormatter();
  const tz = timeZone();
  return {
    exact: (d: string | Date) => format.dateTime(new Date(d), { dateStyle: "medium", timeStyle: "medium", timeZone: tz }),
    short: (d: string | Date) => format.dateTime(new Date(d), { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: tz }),
    relative: (d: string | Date, now: Date) => format.relativeTime(new Date(d), now),
    number: (n: number) => format.number(n),
    percent: (n: number) => format.number(n, { style: "percent", maximumFractionDigits: 1 }),
    /** Milliseconds as "840 ms" or "2.4 s". */
    duration: (ms: number) =>
      ms < 1000
        ? format.number(Math.round(ms), { style: "unit", unit: "millisecond", unitDisplay: "short" })
        : format.number(ms / 1000, { style: "unit", unit: "second", unitDisplay: "short", maximumFractionDigits: 1 }),
  };
}

/** "3 minutes ago", with the exact local time on hover and focus and in the markup. */
export function RelativeTime({ date, className }: { date: string; className?: string }) {
  const f = useFormats();
  // Ticks every 30 s so "just now" does not stay "just now".
  const now = useNow({ updateInterval: 30_000 });
  const exact = f.exact(date);
  return (
    <Tooltip content={exact}>
      <time dateTime={date} title={exact} tabIndex={0} className={className}>
        {f.relative(date, now)}
      </time>
    </Tooltip>
  );
}
