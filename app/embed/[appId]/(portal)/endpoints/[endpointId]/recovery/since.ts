const HOUR = 3_600_000;

/** How far back a recover or replay may reach (Svix's limit). */
export const MAX_BACK_MS = 14 * 24 * HOUR;

export const PRESETS = [
  { key: "1h", ms: HOUR },
  { key: "6h", ms: 6 * HOUR },
  { key: "24h", ms: 24 * HOUR },
  { key: "7d", ms: 7 * 24 * HOUR },
  { key: "14d", ms: MAX_BACK_MS },
] as const;

export type SinceChoice = { kind: "preset"; key: (typeof PRESETS)[number]["key"] } | { kind: "custom"; value: string };

/** A `datetime-local` value (the viewer's own clock) for a moment. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The window's start for a choice, to the minute so the preview's key holds still; a custom
 * time outside the last 14 days, or in the future, is an error the form shows.
 */
export function resolveSince(choice: SinceChoice, now: number): { since: string } | { error: "invalid" | "future" | "tooOld" } {
  const minute = Math.floor(now / 60_000) * 60_000;
  if (choice.kind === "preset") {
    const preset = PRESETS.find((p) => p.key === choice.key)!;
    // The 14-day preset starts a minute late, so it is still inside the limit when the request lands.
    return { since: new Date(minute - preset.ms + (preset.ms === MAX_BACK_MS ? 60_000 : 0)).toISOString() };
  }
  const at = new Date(choice.value).getTime();
  if (!choice.value || Number.isNaN(at)) return { error: "invalid" };
  if (at > now) return { error: "future" };
  if (now - at > MAX_BACK_MS) return { error: "tooOld" };
  return { since: new Date(at).toISOString() };
}
