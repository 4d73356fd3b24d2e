"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ActivityPoint } from "./activity-series";

export type ActivityChartProps = {
  points: ActivityPoint[];
  labels: { success: string; fail: string; sending: string };
  /** A bucket's start as the axis shows it (an hour for a day, a date otherwise). */
  formatTick: (iso: string) => string;
  formatLabel: (iso: string) => string;
  formatNumber: (n: number) => string;
};

// Colours come from the theme's variables, so branding and dark mode reach the chart.
const SERIES = [
  { key: "success", color: "var(--ph-success)" },
  { key: "fail", color: "var(--ph-danger)" },
  { key: "sending", color: "var(--ph-info)" },
] as const;

/**
 * Deliveries per bucket, stacked by outcome. Decorative for assistive technology: the screen
 * states the totals in text and offers the same numbers as a table.
 */
export function ActivityChart({ points, labels, formatTick, formatLabel, formatNumber }: ActivityChartProps) {
  return (
    <div aria-hidden className="h-56 w-full overflow-hidden">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 4, bottom: 0, left: -12 }} barCategoryGap="18%">
          <CartesianGrid vertical={false} stroke="var(--ph-border)" />
          <XAxis
            dataKey="start"
            tickFormatter={formatTick}
            tick={{ fill: "var(--ph-muted)", fontSize: 11 }}
            tickLine={false}
            axisLine={{ stroke: "var(--ph-border)" }}
            minTickGap={16}
          />
          <YAxis allowDecimals={false} tick={{ fill: "var(--ph-muted)", fontSize: 11 }} tickLine={false} axisLine={false} width={44} tickFormatter={formatNumber} />
          <Tooltip
            cursor={{ fill: "var(--ph-surface-2)" }}
            labelFormatter={(v) => formatLabel(String(v))}
            formatter={(value, name) => [formatNumber(Number(value)), labels[name as keyof ActivityChartProps["labels"]] ?? String(name)]}
            contentStyle={{ background: "var(--ph-surface)", border: "1px solid var(--ph-border)", borderRadius: 8, fontSize: 12, color: "var(--ph-fg)" }}
            labelStyle={{ color: "var(--ph-muted)", marginBottom: 4 }}
          />
          {SERIES.map((s) => (
            <Bar key={s.key} dataKey={s.key} stackId="a" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
