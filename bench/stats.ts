/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export type Row = {
  metric: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  ok: string;
};

export function table(rows: Row[]): string {
  const header: Row = { metric: "metric", value: "value", baseline: "baseline", ratio: "ratio", target: "target", ok: "ok?" };
  const all = [header, ...rows];
  const keys = Object.keys(header) as (keyof Row)[];
  const widths = keys.map((k) => Math.max(...all.map((r) => r[k].length)));
  const line = (r: Row) => keys.map((k, i) => r[k].padEnd(widths[i]!)).join(" | ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}

export const perSecond = (v: number): string => `${Math.round(v).toLocaleString("en-US")}/s`;
export const millis = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : "n/a");
export const ratio = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(2)}×` : "n/a");
